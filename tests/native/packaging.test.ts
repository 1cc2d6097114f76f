import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';
import { afterPack } from '../../build/after-pack.mjs';
import { FUSES } from '../../build/fuses.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** An unpacked Linux app whose "Electron binary" carries a fuse wire with every fuse at Electron's defaults. */
function unpackedApp(options: { readonly withSqlite: boolean }) {
  const appOutDir = mkdtempSync(join(tmpdir(), 'crm-pack-'));
  dirs.push(appOutDir);
  // Version 1, 8 fuses: RunAsNode, cookie encryption, NODE_OPTIONS, inspect, asar integrity, asar only, snapshot, file://.
  writeFileSync(
    join(appOutDir, 'fieldcrm'),
    Buffer.concat([Buffer.from('ELF…'), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('10110001'), Buffer.from('…')]),
  );
  if (options.withSqlite) {
    mkdirSync(join(appOutDir, 'resources', 'native', 'electron-45.4.1-linux-x64'), { recursive: true });
    writeFileSync(join(appOutDir, 'resources', 'native', 'electron-45.4.1-linux-x64', 'better_sqlite3.node'), 'addon');
  }
  const context = {
    appOutDir,
    electronPlatformName: 'linux',
    arch: 1,
    packager: {
      info: { framework: { version: '45.4.1' } },
      appInfo: { productFilename: 'FieldCRM' },
      executableName: 'fieldcrm',
      getResourcesDir: (dir: string) => join(dir, 'resources'),
    },
  };
  return { appOutDir, context };
}

describe('packaging', () => {
  it('hardens the binary with these fuses', () => {
    expect(FUSES).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableCookieEncryption: true,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
    });
  });

  it('afterPack flips exactly those fuses in the packaged executable', async () => {
    const { appOutDir, context } = unpackedApp({ withSqlite: true });
    await afterPack(context);
    const wire = await getCurrentFuseWire(join(appOutDir, 'fieldcrm'));
    const state = (fuse: FuseV1Options): string => String.fromCharCode(Number(wire[fuse]));
    expect(state(FuseV1Options.RunAsNode)).toBe('0');
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0');
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0');
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe('1');
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1');
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1');
    // Fuses we do not configure keep Electron's default.
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe('1');
  });

  it('afterPack refuses a package without the Electron build of the SQLite driver', async () => {
    const { context } = unpackedApp({ withSqlite: false });
    await expect(afterPack(context)).rejects.toThrow('npm run native:electron -- --arch x64');
  });

  it('electron-builder ships .native’s build, never rebuilds node_modules, and runs the hook', () => {
    const config = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
    expect(config).toMatch(/^npmRebuild: false$/m);
    expect(config).toMatch(/^afterPack: \.\/build\/after-pack\.mjs$/m);
    expect(config).toMatch(/- from: \.native\n\s+to: native\n/);
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.package).toMatch(/^tsx scripts\/native-electron\.ts && /);
  });
});
