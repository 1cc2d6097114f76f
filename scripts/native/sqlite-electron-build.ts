import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { DEV_NATIVE_DIR, electronBuildDirName, SQLITE_ADDON_FILE } from '../../electron/core/storage/sqlite/sqlite-binding';

/** The SQLite driver whose Electron build this makes (the package the core opens the database with). */
export const SQLITE_PACKAGE = 'better-sqlite3-multiple-ciphers';

export type NativeBuildTarget = {
  /** The checkout (holds node_modules and .native). */
  readonly root: string;
  readonly electronVersion: string;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
};

/** What runs @electron/rebuild; tests pass a stand-in. `buildPath` holds package.json and node_modules/<SQLITE_PACKAGE>. */
export type Rebuild = (options: {
  readonly buildPath: string;
  readonly electronVersion: string;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
}) => Promise<void>;

export type NativeBuildErrorCode = 'headers_unavailable' | 'build_failed' | 'package_missing';

export class NativeBuildError extends Error {
  constructor(
    readonly code: NativeBuildErrorCode,
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = 'NativeBuildError';
  }
}

export type NativeBuildOptions = {
  readonly rebuild?: Rebuild;
  /** Where node-gyp keeps Electron's headers (@electron/rebuild's ~/.electron-gyp). */
  readonly headersDir?: string;
  readonly log?: (line: string) => void;
};

export type NativeBuildResult = { readonly outcome: 'present' | 'built'; readonly path: string };

/** `<root>/.native/electron-<version>-<platform>-<arch>/better_sqlite3.node`, where the app looks in development. */
export function electronSqliteBuildPath(target: NativeBuildTarget): string {
  return join(target.root, DEV_NATIVE_DIR, electronBuildDirName(target.electronVersion, target.platform, target.arch), SQLITE_ADDON_FILE);
}

/**
 * Builds the SQLite driver for Electron into a directory of its own, unless that build exists.
 * The package is copied (without its Node build) into a scratch project under .native and
 * @electron/rebuild works on the copy: node_modules keeps the Node build that tests, scripts and
 * the browser host load. @electron/rebuild tries a prebuilt binary first and compiles against
 * Electron's headers otherwise. Builds of other Electron versions for this platform and arch are
 * removed, so packaging (which ships .native's builds) carries one.
 */
export async function ensureElectronSqliteBuild(target: NativeBuildTarget, options: NativeBuildOptions = {}): Promise<NativeBuildResult> {
  const log = options.log ?? (() => undefined);
  const finalPath = electronSqliteBuildPath(target);
  if (existsSync(finalPath)) return { outcome: 'present', path: finalPath };

  const source = sqlitePackageDir(target.root);
  const nativeDir = join(target.root, DEV_NATIVE_DIR);
  const scratch = join(nativeDir, `.build-${basename(dirname(finalPath))}-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  try {
    const copy = join(scratch, 'node_modules', SQLITE_PACKAGE);
    log(`copying ${source} to ${copy}`);
    // The Node build (build/) stays behind: the copy must be built for Electron or not at all.
    cpSync(source, copy, { recursive: true, filter: (path) => !isBuildOutput(source, path) });
    const { version } = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as { version: string };
    writeFileSync(
      join(scratch, 'package.json'),
      JSON.stringify({ name: 'fieldcrm-native-build', private: true, dependencies: { [SQLITE_PACKAGE]: version } }),
    );

    const rebuild = options.rebuild ?? electronRebuild;
    log(`building ${SQLITE_PACKAGE} ${version} for Electron ${target.electronVersion} (${target.platform}-${target.arch})`);
    try {
      await rebuild({ buildPath: scratch, electronVersion: target.electronVersion, platform: target.platform, arch: target.arch });
    } catch (error) {
      const headers = join(
        options.headersDir ?? join(homedir(), '.electron-gyp'),
        target.electronVersion,
        'include',
        'node',
        'node_version.h',
      );
      if (!existsSync(headers)) {
        throw new NativeBuildError(
          'headers_unavailable',
          `No prebuilt ${SQLITE_PACKAGE} for Electron ${target.electronVersion} could be fetched and Electron's headers could not be downloaded to compile one`,
          error,
        );
      }
      throw new NativeBuildError('build_failed', `Compiling ${SQLITE_PACKAGE} for Electron ${target.electronVersion} failed`, error);
    }
    const built = join(copy, 'build', 'Release', SQLITE_ADDON_FILE);
    if (!existsSync(built)) throw new NativeBuildError('build_failed', `The build finished without producing ${built}`);

    mkdirSync(dirname(finalPath), { recursive: true });
    // Copy then rename: a start that is interrupted never leaves half a binary where the app looks.
    const temp = `${finalPath}.${process.pid}.tmp`;
    cpSync(built, temp);
    renameSync(temp, finalPath);
    pruneOtherVersions(nativeDir, target, log);
    log(`built ${finalPath}`);
    return { outcome: 'built', path: finalPath };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function sqlitePackageDir(root: string): string {
  try {
    return dirname(createRequire(join(root, 'package.json')).resolve(`${SQLITE_PACKAGE}/package.json`));
  } catch (error) {
    throw new NativeBuildError('package_missing', `${SQLITE_PACKAGE} is not installed in ${root}/node_modules (run npm ci)`, error);
  }
}

/** The package's compiled output and prebuilt downloads, which the copy must not carry. */
function isBuildOutput(packageDir: string, path: string): boolean {
  const relative = path.slice(packageDir.length + 1);
  return ['build', 'prebuilds', 'node_modules'].some(
    (dir) => relative === dir || relative.startsWith(`${dir}/`) || relative.startsWith(`${dir}\\`),
  );
}

function pruneOtherVersions(nativeDir: string, target: NativeBuildTarget, log: (line: string) => void): void {
  const keep = electronBuildDirName(target.electronVersion, target.platform, target.arch);
  const suffix = `-${target.platform}-${target.arch}`;
  for (const name of readdirSync(nativeDir)) {
    if (name !== keep && name.startsWith('electron-') && name.endsWith(suffix)) {
      log(`removing the build for another Electron version: ${name}`);
      rmSync(join(nativeDir, name), { recursive: true, force: true });
    }
  }
}

/**
 * @electron/rebuild on the scratch project only (projectRootPath stops its search there, so the
 * checkout's node_modules is never visited). npm's own settings that steer node-gyp and
 * prebuild-install (nodedir, target, runtime, …) are cleared: under `npm start` they describe Node,
 * and node-gyp would build against Node's headers a binary that crashes Electron.
 */
async function electronRebuild(options: Parameters<Rebuild>[0]): Promise<void> {
  for (const name of Object.keys(process.env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|platform|build_from_source)$/i.test(name)) delete process.env[name];
  }
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({
    buildPath: options.buildPath,
    projectRootPath: options.buildPath,
    electronVersion: options.electronVersion,
    platform: options.platform,
    arch: options.arch,
    onlyModules: [SQLITE_PACKAGE],
    force: true,
    mode: 'sequential',
  });
}
