import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

/** The addon's file name, as better-sqlite3(-multiple-ciphers) builds it. */
export const SQLITE_ADDON_FILE = 'better_sqlite3.node';
/** In a checkout: `<root>/.native/<build dir>/better_sqlite3.node` (gitignored; scripts/native-electron.ts builds it). */
export const DEV_NATIVE_DIR = '.native';
/** Packaged: `<resources>/native/<build dir>/better_sqlite3.node`, outside app.asar (electron-builder extraResources). */
export const PACKAGED_NATIVE_DIR = 'native';

/** What decides which addon loads; the defaults read the running process. */
export type SqliteRuntime = {
  /** process.versions.electron: set in Electron's main process and its worker threads, absent under Node. */
  readonly electron: string | undefined;
  readonly platform: string;
  readonly arch: string;
  /** process.resourcesPath in a packaged Electron app. */
  readonly resourcesPath: string | undefined;
  /** The directory of the running code (this file, or the bundle it was built into). */
  readonly moduleDir: string;
};

/** A code and a message the start-up dialog can show; thrown because `new Database` cannot take a value. */
export class SqliteBindingMissingError extends Error {
  readonly code = 'sqlite_binding_missing';
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'SqliteBindingMissingError';
  }
}

/** `electron-45.4.1-linux-x64`: one directory per Electron version, so an upgrade never loads an old build. */
export function electronBuildDirName(electronVersion: string, platform: string, arch: string): string {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

export function currentSqliteRuntime(): SqliteRuntime {
  return {
    electron: process.versions.electron,
    platform: process.platform,
    arch: process.arch,
    resourcesPath: (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath,
    moduleDir: import.meta.dirname,
  };
}

let cached: { readonly binding: string | undefined } | undefined;

/**
 * The compiled SQLite addon this runtime loads, as better-sqlite3's `nativeBinding` option. Under
 * Node (tests, the browser host, scripts) undefined: the package loads its own build in
 * node_modules. Under Electron, the Electron build beside it (Electron and Node need different
 * builds; both exist side by side): from the checkout's `.native/` in development, from the app's
 * resources when packaged. A missing Electron build is an error that says how to make it, never a
 * fallback to the Node build, which would crash the process on load.
 */
export function sqliteNativeBinding(runtime?: SqliteRuntime, exists: (path: string) => boolean = existsSync): string | undefined {
  if (runtime) return resolveBinding(runtime, exists);
  cached ??= { binding: resolveBinding(currentSqliteRuntime(), exists) };
  return cached.binding;
}

function resolveBinding(runtime: SqliteRuntime, exists: (path: string) => boolean): string | undefined {
  if (!runtime.electron) return undefined;
  const build = electronBuildDirName(runtime.electron, runtime.platform, runtime.arch);
  const resources = packagedResourcesDir(runtime);
  if (resources !== undefined) {
    const path = join(resources, PACKAGED_NATIVE_DIR, build, SQLITE_ADDON_FILE);
    if (exists(path)) return path;
    throw new SqliteBindingMissingError(
      `FieldCRM's database module for Electron ${runtime.electron} (${runtime.platform}-${runtime.arch}) is missing from ${path}; reinstall the app.`,
      path,
    );
  }
  const root = appRoot(runtime.moduleDir, exists);
  const path = join(root, DEV_NATIVE_DIR, build, SQLITE_ADDON_FILE);
  if (exists(path)) return path;
  throw new SqliteBindingMissingError(
    `The SQLite module built for Electron ${runtime.electron} (${runtime.platform}-${runtime.arch}) is missing at ${path}; ` +
      '`npm start` builds it (or run `npm run native:electron`).',
    path,
  );
}

/** The resources directory when the code runs from a packaged app (always inside app.asar here). */
function packagedResourcesDir(runtime: SqliteRuntime): string | undefined {
  const marker = `${sep}app.asar${sep}`;
  const at = (runtime.moduleDir + sep).indexOf(marker);
  if (at < 0) return undefined;
  return runtime.resourcesPath ?? runtime.moduleDir.slice(0, at);
}

/** The checkout: the nearest directory upwards with a package.json (out/main/… and electron/core/… both reach it). */
function appRoot(moduleDir: string, exists: (path: string) => boolean): string {
  let dir = moduleDir;
  while (!exists(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return moduleDir;
    dir = parent;
  }
  return dir;
}
