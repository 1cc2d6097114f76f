import { spawn as spawnProcess, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { chmodSync, closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type SpawnLike = (command: string, args: ReadonlyArray<string>, options: SpawnOptions) => ChildProcess;

export type ChromiumLaunchOptions = {
  readonly chromium: string;
  /** The host's secret URL: it must not appear on Chromium's command line. */
  readonly url: string;
  readonly profileDir: string;
  readonly flags: ReadonlyArray<string>;
  /** Resolves once the page has connected; the launch file is deleted then (or after maxWaitMs). */
  readonly connected: Promise<void>;
  readonly maxWaitMs?: number;
  readonly log: (message: string, error?: unknown) => void;
  readonly spawn?: SpawnLike;
};

export type ChromiumLaunch = {
  readonly child: ChildProcess;
  /** Removes the launch file now (idempotent); also done on connect, on timeout and when Chromium exits. */
  dispose(): void;
};

const LAUNCH_FILE_TTL_MS = 30_000;

/**
 * Opens the app in Chromium without putting the secret URL on its command line, where every local
 * user can read it (/proc/<pid>/cmdline, `ps`). Chromium gets the path of a launch page instead, in
 * a fresh 0700 directory and itself 0600, which sends the browser on to the secret URL; the host
 * then trades the secret for a cookie. The file goes away once the page has connected.
 */
export function launchChromium(options: ChromiumLaunchOptions): ChromiumLaunch {
  const dir = mkdtempSync(join(tmpdir(), 'fieldcrm-launch-'));
  chmodSync(dir, 0o700);
  const file = join(dir, 'open-fieldcrm.html');
  writePrivateFile(file, launchPage(options.url));

  let disposed = false;
  const dispose = (): void => {
    if (disposed) return;
    disposed = true;
    clearTimeout(timer);
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      options.log(`could not delete the launch page ${file}; delete it by hand, it holds this run's secret`, error);
    }
  };
  const timer = setTimeout(dispose, options.maxWaitMs ?? LAUNCH_FILE_TTL_MS);
  timer.unref();
  void options.connected.then(dispose);

  const spawn = options.spawn ?? spawnProcess;
  const args = [...options.flags, `--user-data-dir=${options.profileDir}`, `--app=${pathToFileURL(file).href}`];
  const child = spawn(options.chromium, args, { stdio: 'ignore' });
  child.once('exit', dispose);
  child.once('error', (error) => {
    options.log(`could not start ${options.chromium}`, error);
    dispose();
  });
  return { child, dispose };
}

/** A page that only forwards: a meta refresh needs no script, so no CSP or script setting can stop it. */
export function launchPage(url: string): string {
  const attribute = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${attribute}"><title>FieldCRM</title></head><body></body></html>\n`;
}

/** 0600 from the first byte (never readable by others, even briefly), synced before Chromium reads it. */
function writePrivateFile(path: string, text: string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(path, 0o600);
}
