import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatForTerminal, type Logger } from '../electron/core/logging/logger';
import { openHostLogger } from '../electron/core/logging/open-host-logger';
import { startBrowserHost, type BrowserHost } from '../electron/host/browser-host';
import { launchChromium, type ChromiumLaunch } from '../electron/host/chromium-launch';
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

async function main(logger: Logger, dataDir: string): Promise<void> {
  const root = resolve(import.meta.dirname, '..');
  const port = values.port === undefined ? PREFERRED_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  if (!values['no-build']) ensureRendererBuilt(root);

  let shutdown: (code: number) => Promise<void> = async () => undefined;
  const options = {
    dataDir,
    rendererDir: join(root, 'out/renderer'),
    appVersion: process.env['npm_package_version'],
    log: logger.write,
    onCoreExit: () => void shutdown(1),
  };
  const host: BrowserHost = await startBrowserHost({ ...options, port }).catch((error: unknown) => {
    const busy = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    if (!busy || values.port !== undefined) throw error;
    console.log(`Port ${port} is busy; using a free one (preferences saved in the page start fresh).`);
    logger.info('preferred port busy, using a free one', { port });
    return startBrowserHost({ ...options, port: 0 });
  });
  logger.info('browser host started', { port: host.port, dataDir });
  // The e2e fixture reads this exact line.
  console.log(`FieldCRM is running at ${host.url}`);
  console.log(`Data directory: ${dataDir}`);
  if (logger.location) console.log(`Log file: ${logger.location.file()}`);

  let browser: ChromiumLaunch | undefined;
  if (!values['no-open'] && existsSync(CHROMIUM)) {
    browser = launchChromium({
      chromium: CHROMIUM,
      url: host.url,
      profileDir: join(dataDir, 'chromium-profile'),
      flags: CHROMIUM_FLAGS,
      connected: host.firstConnection,
      log: (message, error) => logger.warn(message, error),
    });
    browser.child.on('exit', () => void shutdown(0));
  } else if (!values['no-open']) {
    console.log(`${CHROMIUM} not found: open the address above in a browser.`);
  }

  let stopping = false;
  shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    browser?.dispose();
    browser?.child.kill();
    try {
      await host.close();
      logger.info('browser host stopped');
    } catch (error) {
      logger.error('closing the browser host failed', error);
      code = code || 1;
    }
    await logger.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
}

const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
mkdirSync(dataDir, { recursive: true, mode: 0o700 });
// Warnings and errors also go to the terminal that started us; everything goes to the file.
const logger = await openHostLogger(dataDir, (record) => {
  if (record.level !== 'debug' && record.level !== 'info') console.error(formatForTerminal(record));
});
main(logger, dataDir).catch((error: unknown) => {
  logger.write({
    level: 'fatal',
    message: 'the browser host could not start',
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    source: 'host',
  });
  // The echo above has printed it to the terminal too.
  logger.flushSync();
  process.exit(1);
});
