import type { SyncError } from '../../../shared/contract/sync/sync-types';

export type ServerUrlCheck = { readonly ok: true; readonly base: string } | { readonly ok: false; readonly error: SyncError };

/**
 * The one gate every sync server address passes (sign-in and a restored session): passwords and
 * tokens travel to it, so plain http:// is allowed only to this computer, where nothing on the
 * network can read them. The base keeps a path prefix (a server behind a reverse proxy) and drops
 * trailing slashes, query and fragment.
 */
export function checkServerUrl(input: string): ServerUrlCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, error: { code: 'bad_url', message: `"${input}" is not a web address.` } };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, error: { code: 'bad_url', message: `The sync server address must start with https:// (got ${url.protocol}//).` } };
  }
  if (url.username || url.password) {
    return { ok: false, error: { code: 'bad_url', message: 'The sync server address must not contain a user name or password.' } };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      error: {
        code: 'insecure_url',
        message: `http://${url.host} is not encrypted: use https://. Plain http:// is only allowed to this computer (localhost, 127.0.0.1, ::1).`,
      },
    };
  }
  return { ok: true, base: `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}` };
}

/**
 * Loopback only: `localhost`, 127.0.0.0/8 and ::1. The WHATWG URL parser has already normalised
 * the host (lower case, IPv4 shorthand such as 127.1 or 0x7f.1 spelled out, IPv6 compressed and
 * bracketed), so exact forms suffice and look-alikes such as 127.0.0.1.example.com do not match.
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
