const KEY = 'fieldcrm.sync.serverUrl';

/**
 * The last sync server address, so signing in again after sign-out only asks for the password.
 * localStorage rather than the Dexie prefs: one string, read synchronously while the form renders.
 * Storage can be unavailable (blocked, full); the form then simply starts empty.
 */
export function rememberedServerUrl(): string {
  try {
    return window.localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberServerUrl(url: string): void {
  try {
    window.localStorage.setItem(KEY, url);
  } catch {
    // Not remembered: the user types it again next time, nothing else is affected.
  }
}

/** Accepts what people type ("sync.example.com:8080") and adds https:// when the scheme is missing. */
export function normalizeServerUrl(input: string): string | undefined {
  const trimmed = input.trim();
  if (!trimmed) return undefined;
  const withScheme = /^(https?:|[a-z][a-z0-9+.-]*:\/\/)/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return undefined;
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}
