import { readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../shared/contract/csp';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Headers every response carries, errors included: same policy as the Electron window. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** Whether `pathname` is the page itself (index.html) rather than one of its files. */
export const isPage = (pathname: string): boolean => pathname === '/' || pathname === '/index.html';

/**
 * Serves the built renderer, and nothing outside its directory. `path` is a checked, decoded
 * request path (request-target.ts); the containment check below holds even if it were not. Each
 * file is read whole and sent in one write, in the tick the request arrived: a streamed read takes
 * several event-loop turns, and at start-up the page's chunks would wait behind the core's first
 * query between them.
 */
export function serveStatic(
  rootDir: string,
  path: string,
  response: ServerResponse,
  onError: (message: string, error: unknown) => void,
): void {
  const relative = isPage(path) ? 'index.html' : path.replace(/^\/+/, '');
  const file = normalize(join(rootDir, relative));
  if (!file.startsWith(normalize(rootDir) + sep)) return plain(response, 404, 'Not found');
  let body: Buffer;
  try {
    if (!statSync(file).isFile()) return plain(response, 404, 'Not found');
    body = readFileSync(file);
  } catch (error) {
    // A missing file is an ordinary 404; anything else (permissions, I/O) is worth a log line.
    if (!isMissing(error)) onError('reading a renderer file failed', error);
    return plain(response, 404, 'Not found');
  }
  response.writeHead(200, {
    ...securityHeaders(),
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': String(body.length),
    // index.html names hashed assets; it must never be cached across builds.
    'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'private, max-age=31536000, immutable',
  });
  response.end(body);
}

function isMissing(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG';
}

export function plain(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    ...securityHeaders(),
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(text);
}
