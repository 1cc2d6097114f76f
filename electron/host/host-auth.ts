import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The browser host's gate. Anyone on this machine can reach 127.0.0.1, and any web page the user
 * visits can make their browser try, so every request must prove it came from the page we
 * opened: the per-run secret, first in the URL (`/?s=…`), then as an HttpOnly SameSite=Strict
 * cookie the page's scripts cannot read. Host and Origin checks stop DNS rebinding and
 * cross-site WebSocket use.
 */
export type HostAuth = {
  readonly secret: string;
  readonly cookieName: string;
  /** `/?s=<secret>` with the right secret. */
  isSecretUrl(url: URL): boolean;
  hasCookie(request: IncomingMessage): boolean;
  isOurHost(request: IncomingMessage): boolean;
  isOurOrigin(request: IncomingMessage): boolean;
  setCookieHeader(): string;
};

export function createHostAuth(port: number, secret: string = randomBytes(32).toString('base64url')): HostAuth {
  // Cookies ignore ports: two hosts on 127.0.0.1 must not overwrite each other's cookie.
  const cookieName = `fieldcrm_${port}`;
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = new Set([...hosts].map((host) => `http://${host}`));

  return {
    secret,
    cookieName,
    isSecretUrl: (url) => url.pathname === '/' && sameSecret(url.searchParams.get('s'), secret),
    hasCookie: (request) => sameSecret(readCookie(request.headers.cookie, cookieName), secret),
    isOurHost: (request) => hosts.has(request.headers.host ?? ''),
    isOurOrigin: (request) => origins.has(request.headers.origin ?? ''),
    setCookieHeader: () => `${cookieName}=${secret}; HttpOnly; SameSite=Strict; Path=/`,
  };
}

function sameSecret(candidate: string | null | undefined, secret: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
