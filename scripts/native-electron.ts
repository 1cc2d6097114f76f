import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeError } from '../electron/core/logging/log-record';
import { findElectronPackage } from './native/electron-package';
import { ensureElectronSqliteBuild, NativeBuildError, type NativeBuildErrorCode } from './native/sqlite-electron-build';

/**
 * `npm run native:electron [-- --arch arm64]`: builds the SQLite driver for the installed Electron
 * into .native/ (skipped when that build exists). `npm start` and the packaging scripts run it
 * first. Exit codes tell the caller what went wrong: see EXIT_CODES.
 */
export const EXIT_CODES: Readonly<Record<NativeBuildErrorCode | 'other', number>> = {
  headers_unavailable: 2,
  build_failed: 3,
  package_missing: 4,
  other: 5,
};

const { values } = parseArgs({ options: { arch: { type: 'string' } } });
const root = resolve(import.meta.dirname, '..');

try {
  const electron = findElectronPackage(root);
  const result = await ensureElectronSqliteBuild(
    { root, electronVersion: electron.version, platform: process.platform, arch: values.arch ?? process.arch },
    { log: (line) => console.log(line) },
  );
  console.log(result.outcome === 'present' ? `Already built: ${result.path}` : `Built: ${result.path}`);
} catch (error) {
  console.error(describeError(error));
  if (error instanceof Error && error.cause !== undefined) console.error(`Caused by: ${describeError(error.cause)}`);
  process.exit(error instanceof NativeBuildError ? EXIT_CODES[error.code] : EXIT_CODES.other);
}
