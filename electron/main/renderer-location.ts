import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Where the window's page comes from, and therefore which URL an IPC sender must have. In
 * development electron-vite serves the renderer over HTTP; a packaged app loads the built file.
 */
export type RendererLocation = { readonly kind: 'dev-server'; readonly url: string } | { readonly kind: 'file'; readonly path: string };

export function resolveRendererLocation(mainDir: string, devServerUrl: string | undefined, isPackaged: boolean): RendererLocation {
  if (!isPackaged && devServerUrl) return { kind: 'dev-server', url: devServerUrl };
  return { kind: 'file', path: join(mainDir, '../renderer/index.html') };
}

/** True when `url` is our page (any hash route), and not some other file or origin. */
export function isAppUrl(location: RendererLocation, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL at all: certainly not our page, which is the whole answer.
    return false;
  }
  if (location.kind === 'dev-server') return parsed.origin === new URL(location.url).origin;
  const expected = pathToFileURL(location.path);
  return parsed.protocol === 'file:' && parsed.pathname === expected.pathname;
}
