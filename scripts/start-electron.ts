import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEV_NATIVE_DIR } from '../electron/core/storage/sqlite/sqlite-binding';
import { electronBinary, ensureElectronBinary, findElectronPackage } from './native/electron-package';
import { electronSqliteBuildPath } from './native/sqlite-electron-build';

/**
 * `npm start`: the Electron binary (one download attempt if it is missing), the SQLite driver built
 * for this Electron (scripts/native-electron.ts, once per Electron version), `electron-vite build`,
 * then the app. Where Electron cannot be had, it says so in one sentence and points at the browser
 * host, which runs the same app without Electron.
 */
const root = resolve(import.meta.dirname, '..');
const INSTEAD = 'run `npm run start:browser` to use it in Chromium instead';
/** When a build is still running after this long, say what is happening (a first compile takes minutes). */
const SLOW_BUILD_NOTICE_MS = 8_000;

function stop(sentence: string, code = 1): never {
  console.error(sentence);
  process.exit(code);
}

function run(command: string, args: ReadonlyArray<string>, options: { readonly logFile?: string } = {}): Promise<number> {
  const fd = options.logFile ? openSync(options.logFile, 'w') : undefined;
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: fd === undefined ? 'inherit' : ['ignore', fd, fd],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined },
    });
    const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.once('error', (error) => {
      console.error(`${command} could not be started: ${error.message}`);
      done(127);
    });
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      if (fd !== undefined) closeSync(fd);
      done(code ?? (signal ? 128 : 1));
    });
  });
}

const electron = findElectronPackage(root);
const nativeDir = join(root, DEV_NATIVE_DIR);
mkdirSync(nativeDir, { recursive: true });

const { binary, output } = ensureElectronBinary(electron);
if (!binary) {
  writeFileSync(join(nativeDir, 'electron-download.log'), output);
  stop(`FieldCRM cannot start as a desktop app here because the Electron ${electron.version} binary could not be downloaded; ${INSTEAD}.`);
}

const target = { root, electronVersion: electron.version, platform: process.platform, arch: process.arch };
if (!existsSync(electronSqliteBuildPath(target))) {
  const logFile = join(nativeDir, 'build.log');
  const notice = setTimeout(
    () => console.log(`Building the SQLite module for Electron ${electron.version} (once per Electron version)…`),
    SLOW_BUILD_NOTICE_MS,
  );
  const code = await run(process.execPath, ['--import', 'tsx', join(root, 'scripts/native-electron.ts')], { logFile });
  clearTimeout(notice);
  if (code === 2) {
    stop(
      `FieldCRM cannot start as a desktop app here because Electron ${electron.version}'s headers could not be downloaded to build its SQLite module; ${INSTEAD}.`,
    );
  }
  if (code !== 0) stop(`Building the SQLite module for Electron ${electron.version} failed (details in ${logFile}); ${INSTEAD}.`);
}

const built = await run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
if (built !== 0) process.exit(built);
// Checked again: the binary could only have gone missing in between by hand, but then say so plainly.
const executable = electronBinary(electron) ?? stop(`The Electron binary disappeared from ${electron.dir}; reinstall with \`npm ci\`.`);
process.exit(await run(executable, ['.']));
