import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqliteNativeBinding, SqliteBindingMissingError, type SqliteRuntime } from './sqlite-binding';

const ELECTRON = '45.4.1';
const BUILD = `electron-${ELECTRON}-linux-x64`;

function runtime(overrides: Partial<SqliteRuntime>): SqliteRuntime {
  return { electron: undefined, platform: 'linux', arch: 'x64', resourcesPath: undefined, moduleDir: '/work/app/out/main', ...overrides };
}

/** A file system that holds exactly these paths. */
const holding =
  (...paths: string[]) =>
  (path: string): boolean =>
    paths.includes(path);

describe('sqliteNativeBinding', () => {
  it('leaves Node to the package’s own build (tests, browser host, scripts)', () => {
    expect(sqliteNativeBinding(runtime({}), holding())).toBeUndefined();
    // The real process running this test is Node.
    expect(sqliteNativeBinding()).toBeUndefined();
  });

  it('picks the checkout’s Electron build in development, from the bundle or the sources', () => {
    const addon = `/work/app/.native/${BUILD}/better_sqlite3.node`;
    const files = holding('/work/app/package.json', addon);
    expect(sqliteNativeBinding(runtime({ electron: ELECTRON }), files)).toBe(addon);
    expect(sqliteNativeBinding(runtime({ electron: ELECTRON, moduleDir: '/work/app/electron/core/storage/sqlite' }), files)).toBe(addon);
  });

  it('picks the packaged build from the app’s resources, outside app.asar', () => {
    const resources = '/opt/FieldCRM/resources';
    const addon = join(resources, 'native', BUILD, 'better_sqlite3.node');
    const packaged = runtime({ electron: ELECTRON, moduleDir: `${resources}/app.asar/out/main` });
    expect(sqliteNativeBinding({ ...packaged, resourcesPath: resources }, holding(addon))).toBe(addon);
    // A worker thread may not see process.resourcesPath: the asar path gives the same directory.
    expect(sqliteNativeBinding(packaged, holding(addon))).toBe(addon);
  });

  it('fails with a clear error when the Electron build is missing, never falling back to the Node build', () => {
    const dev = (): string | undefined => sqliteNativeBinding(runtime({ electron: ELECTRON }), holding('/work/app/package.json'));
    expect(dev).toThrow(SqliteBindingMissingError);
    expect(dev).toThrow(`Electron ${ELECTRON} (linux-x64) is missing at /work/app/.native/${BUILD}/better_sqlite3.node`);
    expect(dev).toThrow('npm start');
    try {
      sqliteNativeBinding(runtime({ electron: ELECTRON, moduleDir: '/opt/FieldCRM/resources/app.asar/out/main' }), holding());
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'sqlite_binding_missing', path: `/opt/FieldCRM/resources/native/${BUILD}/better_sqlite3.node` });
      expect((error as Error).message).toContain('reinstall the app');
    }
  });

  it('looks for the build of the running Electron version, so an upgrade never loads an old build', () => {
    const old = `/work/app/.native/electron-44.0.0-linux-x64/better_sqlite3.node`;
    expect(() => sqliteNativeBinding(runtime({ electron: ELECTRON }), holding('/work/app/package.json', old))).toThrow(
      SqliteBindingMissingError,
    );
  });
});
