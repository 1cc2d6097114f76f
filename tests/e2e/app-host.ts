import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(import.meta.dirname, '../..');
const START_TIMEOUT_MS = 30_000;

/** A browser host process on its own data directory, as `npm run start:browser` runs it. */
export type AppHost = {
  /** The secret URL of the current run (it changes on restart: new port, new secret). */
  readonly url: string;
  readonly dataDir: string;
  /** Stops the host gracefully and starts a new one on the same data directory. */
  restart(): Promise<string>;
  stop(): Promise<void>;
};

/**
 * Starts the host as a child process (not in the test process) so a restart really closes and
 * reopens the SQLite database, exactly as quitting and relaunching the app does. It builds
 * nothing: global-setup.ts has built out/renderer already.
 */
export async function startAppHost(
  dataDir: string = mkdtempSync(join(tmpdir(), 'crm-e2e-')),
): Promise<AppHost & { readonly ownsDir: boolean }> {
  let current = await spawnHost(dataDir);
  const host = {
    get url() {
      return current.url;
    },
    dataDir,
    ownsDir: true,
    async restart() {
      await current.stop();
      current = await spawnHost(dataDir);
      return current.url;
    },
    stop: () => current.stop(),
  };
  return host;
}

/** A temp data directory filled by `npm run seed` with these options (e.g. ['--accounts', '40', '--seed', '7']). */
export function seededDataDir(prefix: string, seedArgs: ReadonlyArray<string>): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', ...seedArgs, '--dir', dir], { cwd: ROOT, stdio: 'ignore' });
  return dir;
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

async function spawnHost(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/start-browser.ts', '--no-build', '--no-open', '--port', '0', '--data-dir', dataDir],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    },
  );
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`browser host did not start within ${START_TIMEOUT_MS} ms\n${stderr.join('')}`)),
      START_TIMEOUT_MS,
    );
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^FieldCRM is running at (http:\/\/127\.0\.0\.1:\d+\/\?s=\S+)$/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser host exited with ${code}\n${stderr.join('')}`));
    });
  });

  return { url, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolveStop();
    });
    // SIGTERM: the host closes sockets and the database cleanly before exiting.
    child.kill('SIGTERM');
  });
}
