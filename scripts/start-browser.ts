import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowserHost } from '../electron/host/browser-host';
import { ensureRendererBuilt } from './build-renderer';

/**
 * `npm run start:browser -- [--data-dir DIR] [--port N] [--no-open] [--no-build]`
 * Runs the whole app without Electron: core + renderer in the system Chromium (or any browser
 * you paste the printed URL into). The URL carries this run's secret; keep it to yourself.
 */
const CHROMIUM = '/usr/bin/chromium';
/**
 * Without --port we try a fixed port first: the page's origin includes the port, and the renderer
 * keeps its preferences (language, layouts, drafts) in IndexedDB per origin. --port 0 = any free port.
 */
const PREFERRED_PORT = 47_810;
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    'no-open': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});

/** Separate from the Electron app's userData: two processes must never share one RxDB file. */
function defaultDataDir(): string {
  if (process.platform === 'win32') return join(process.env['APPDATA'] ?? homedir(), 'FieldCRM-browser');
  if (process.platform === 'darwin') return join(homedir(), 'Library/Application Support/FieldCRM-browser');
  return join(process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'FieldCRM-browser');
}

async function main(): Promise<void> {
  const root = resolve(import.meta.dirname, '..');
  const port = values.port === undefined ? PREFERRED_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true });
  if (!values['no-build']) ensureRendererBuilt(root);

  const options = { dataDir, rendererDir: join(root, 'out/renderer'), appVersion: process.env['npm_package_version'] };
  const host = await startBrowserHost({ ...options, port }).catch((error: unknown) => {
    const busy = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    if (!busy || values.port !== undefined) throw error;
    console.log(`Port ${port} is busy; using a free one (preferences saved in the page start fresh).`);
    return startBrowserHost({ ...options, port: 0 });
  });
  // The e2e fixture reads this exact line.
  console.log(`FieldCRM is running at ${host.url}`);
  console.log(`Data directory: ${dataDir}`);

  let browser: ReturnType<typeof spawn> | undefined;
  if (!values['no-open'] && existsSync(CHROMIUM)) {
    const profile = join(dataDir, 'chromium-profile');
    browser = spawn(CHROMIUM, [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, `--app=${host.url}`], { stdio: 'ignore' });
    browser.on('exit', () => void shutdown());
  } else if (!values['no-open']) {
    console.log(`${CHROMIUM} not found: open the address above in a browser.`);
  }

  let stopping = false;
  async function shutdown(): Promise<void> {
    if (stopping) return;
    stopping = true;
    browser?.kill();
    await host.close();
    process.exit(0);
  }
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
