import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The installed `electron` npm package: its version, and where its binary is (if it was downloaded). */
export type ElectronPackage = {
  readonly dir: string;
  readonly version: string;
};

/**
 * The electron package this checkout uses. FIELDCRM_ELECTRON_PACKAGE points elsewhere (tests use a
 * copy without a binary, to see what a machine without one sees).
 */
export function findElectronPackage(root: string): ElectronPackage {
  const dir =
    process.env['FIELDCRM_ELECTRON_PACKAGE'] ?? dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  return { dir, version };
}

/**
 * The Electron executable, when the package's install step downloaded it: the same test the
 * package's own install.js makes (dist/version and path.txt agree). Undefined when it is missing.
 * Never `require('electron')`: that starts a download of its own when the binary is missing.
 */
export function electronBinary(electron: ElectronPackage): string | undefined {
  const read = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined);
  const relativePath = read(join(electron.dir, 'path.txt'));
  if (!relativePath) return undefined;
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) return existsSync(join(override, relativePath)) ? join(override, relativePath) : undefined;
  if (read(join(electron.dir, 'dist', 'version'))?.replace(/^v/, '') !== electron.version) return undefined;
  const binary = join(electron.dir, 'dist', relativePath);
  return existsSync(binary) ? binary : undefined;
}

/**
 * Makes sure the binary is there: a checkout installed while the download was impossible (or
 * skipped) gets one try now, with the package's own installer. Its output is kept for the log,
 * not printed: where the download cannot work, the caller's one sentence says everything.
 */
export function ensureElectronBinary(electron: ElectronPackage): { readonly binary?: string; readonly output: string } {
  const present = electronBinary(electron);
  if (present) return { binary: present, output: '' };
  if (process.env['ELECTRON_SKIP_BINARY_DOWNLOAD']) return { output: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set: no download attempted' };
  const installer = join(electron.dir, 'install.js');
  if (!existsSync(installer)) return { output: `${installer} not found` };
  const result = spawnSync(process.execPath, [installer], { cwd: electron.dir, encoding: 'utf8', timeout: 10 * 60_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  const binary = electronBinary(electron);
  return binary ? { binary, output } : { output };
}
