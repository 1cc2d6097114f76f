import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureElectronSqliteBuild, NativeBuildError, type Rebuild } from '../../scripts/native/sqlite-electron-build';

const ROOT = resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('npm start without the Electron binary', () => {
  it('stops with one sentence that points at start:browser, and a non-zero exit code', () => {
    // Here node_modules/electron has no binary; where it has one, a copy of the package without it
    // shows what such a machine sees.
    const hasBinary = existsSync(join(ROOT, 'node_modules/electron/dist'));
    const electronPackage = hasBinary ? tempDir('electron-pkg-') : undefined;
    if (electronPackage) cpSync(join(ROOT, 'node_modules/electron/package.json'), join(electronPackage, 'package.json'));
    const { version } = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string };

    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start-electron.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      // No download attempt from a test: it would fetch 100 MB where the network allows it.
      env: {
        ...process.env,
        ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
        ...(electronPackage ? { FIELDCRM_ELECTRON_PACKAGE: electronPackage } : {}),
      },
    });

    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `FieldCRM cannot start as a desktop app here because the Electron ${version} binary could not be downloaded; ` +
        'run `npm run start:browser` to use it in Chromium instead.\n',
    );
  });
});

describe('the Electron build of the SQLite driver', () => {
  const PACKAGE = 'better-sqlite3-multiple-ciphers';

  /** A checkout with the driver installed and built for Node. */
  function checkout(): { root: string; nodeBuild: string } {
    const root = tempDir('native-root-');
    const pkg = join(root, 'node_modules', PACKAGE);
    mkdirSync(join(pkg, 'build', 'Release'), { recursive: true });
    mkdirSync(join(pkg, 'lib'));
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: PACKAGE, version: '12.11.1', main: 'lib/index.js' }));
    writeFileSync(join(pkg, 'lib', 'index.js'), 'module.exports = {};');
    writeFileSync(join(pkg, 'binding.gyp'), '{}');
    const nodeBuild = join(pkg, 'build', 'Release', 'better_sqlite3.node');
    writeFileSync(nodeBuild, 'node build');
    return { root, nodeBuild };
  }

  /** Stands in for @electron/rebuild: "compiles" the copy it is given, and records what it saw. */
  function fakeRebuild(seen: string[]): Rebuild {
    return async ({ buildPath, electronVersion }) => {
      const copy = join(buildPath, 'node_modules', PACKAGE);
      seen.push(existsSync(join(copy, 'build')) ? 'copy had a build' : 'clean copy');
      mkdirSync(join(copy, 'build', 'Release'), { recursive: true });
      writeFileSync(join(copy, 'build', 'Release', 'better_sqlite3.node'), `electron ${electronVersion} build`);
    };
  }

  it('builds a copy into .native/electron-<version>-<platform>-<arch>, leaving the Node build alone, and skips it next time', async () => {
    const { root, nodeBuild } = checkout();
    mkdirSync(join(root, '.native', 'electron-44.0.0-linux-x64'), { recursive: true });
    mkdirSync(join(root, '.native', 'electron-44.0.0-darwin-arm64'), { recursive: true });
    const seen: string[] = [];
    const target = { root, electronVersion: '45.4.1', platform: 'linux' as const, arch: 'x64' };

    const first = await ensureElectronSqliteBuild(target, { rebuild: fakeRebuild(seen) });
    const expected = join(root, '.native', 'electron-45.4.1-linux-x64', 'better_sqlite3.node');
    expect(first).toEqual({ outcome: 'built', path: expected });
    expect(readFileSync(expected, 'utf8')).toBe('electron 45.4.1 build');
    expect(readFileSync(nodeBuild, 'utf8')).toBe('node build');
    expect(seen).toEqual(['clean copy']);
    // Another version's build for this platform goes (packaging ships .native); other platforms stay.
    expect(existsSync(join(root, '.native', 'electron-44.0.0-linux-x64'))).toBe(false);
    expect(existsSync(join(root, '.native', 'electron-44.0.0-darwin-arm64'))).toBe(true);
    // No scratch project is left behind.
    expect(readdirSync(join(root, '.native')).filter((name) => name.startsWith('.build-'))).toEqual([]);

    const second = await ensureElectronSqliteBuild(target, { rebuild: fakeRebuild(seen) });
    expect(second).toEqual({ outcome: 'present', path: expected });
    expect(seen).toEqual(['clean copy']);
  });

  it('tells "no headers" apart from a failed compile', async () => {
    const { root } = checkout();
    const failing: Rebuild = async () => Promise.reject(new Error('node-gyp failed'));
    const headersDir = tempDir('electron-gyp-');
    const target = { root, electronVersion: '45.4.1', platform: 'linux' as const, arch: 'x64' };

    await expect(ensureElectronSqliteBuild(target, { rebuild: failing, headersDir })).rejects.toMatchObject({
      code: 'headers_unavailable',
    });
    mkdirSync(join(headersDir, '45.4.1', 'include', 'node'), { recursive: true });
    writeFileSync(join(headersDir, '45.4.1', 'include', 'node', 'node_version.h'), '');
    const failure = ensureElectronSqliteBuild(target, { rebuild: failing, headersDir });
    await expect(failure).rejects.toBeInstanceOf(NativeBuildError);
    await expect(failure).rejects.toMatchObject({ code: 'build_failed' });
    expect(existsSync(join(root, '.native', 'electron-45.4.1-linux-x64'))).toBe(false);
  });
});
