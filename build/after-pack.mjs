import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';
import { FUSES } from './fuses.mjs';

/** electron-builder's Arch enum (builder-util) by value. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/**
 * electron-builder's afterPack hook (electron-builder.yml): runs on the unpacked app, before
 * signing. It checks that the SQLite driver built for this Electron, platform and arch is in the
 * resources (the app cannot open its database without it), then flips the fuses (build/fuses.mjs).
 *
 * @param {import('app-builder-lib').AfterPackContext} context
 */
export async function afterPack(context) {
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const electronVersion = context.packager.info.framework.version;
  const resources = context.packager.getResourcesDir(context.appOutDir);
  const addon = join(resources, 'native', `electron-${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node');
  if (!existsSync(addon)) {
    throw new Error(
      `The SQLite driver built for Electron ${electronVersion} (${platform}-${arch}) is not in the package (${addon}); ` +
        `run \`npm run native:electron -- --arch ${arch}\` on a ${platform} machine first.`,
    );
  }
  await flipFuses(electronExecutable(context, platform), {
    version: FuseVersion.V1,
    // arm64 macOS refuses to run a binary whose ad-hoc signature no longer matches; signing comes after.
    resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64',
    ...fuseWire(FUSES),
  });
}

/** FUSES by name → @electron/fuses' config keyed by fuse index. */
export function fuseWire(fuses) {
  return Object.fromEntries(
    Object.entries(fuses).map(([name, enabled]) => {
      const index = FuseV1Options[name];
      if (typeof index !== 'number') throw new Error(`Unknown Electron fuse ${name}`);
      return [index, enabled];
    }),
  );
}

function electronExecutable(context, platform) {
  const name = context.packager.appInfo.productFilename;
  if (platform === 'darwin') return join(context.appOutDir, `${name}.app`);
  if (platform === 'win32') return join(context.appOutDir, `${name}.exe`);
  return join(context.appOutDir, context.packager.executableName);
}
