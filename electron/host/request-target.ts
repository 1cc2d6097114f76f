/** Longer request targets are refused: our page's longest is the WebSocket URL with its early frames. */
export const MAX_REQUEST_TARGET_LENGTH = 16 * 1024;
/** A path (without the query) longer than this names no file of ours. */
export const MAX_PATH_LENGTH = 1024;

export type RequestTarget = {
  /** The path, percent-decoded, always starting with `/`, free of `.`/`..` segments, NUL, controls and backslashes. */
  readonly path: string;
  /** The whole target parsed against our origin, for the query (`?s=`, `?q=`). */
  readonly url: URL;
};

export type BadTarget = { readonly error: string };

// Control characters (C0, DEL) and backslashes: none belongs in a path to a file of ours, and a
// backslash is a separator to Windows' path functions.
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const FORBIDDEN = /[\u0000-\u001f\u007f\\]/;

/**
 * Checks a request target (the `/path?query` of the request line) before anything uses it. Every
 * malformed target is an error value the caller answers with 400; nothing here throws, so a
 * request can never take the host down (decodeURIComponent throws on `%ZZ` and broken UTF-8).
 */
export function parseRequestTarget(raw: string | undefined): RequestTarget | BadTarget {
  if (raw === undefined || raw.length === 0) return { error: 'empty request target' };
  if (raw.length > MAX_REQUEST_TARGET_LENGTH) return { error: 'request target too long' };
  // Origin form only: `//host/…` would be read as another host, `*` and absolute URLs are not for us.
  if (!raw.startsWith('/') || raw.startsWith('//')) return { error: 'request target must be an absolute path' };
  if (FORBIDDEN.test(raw)) return { error: 'control character or backslash in the request target' };
  const queryAt = raw.indexOf('?');
  const rawPath = queryAt < 0 ? raw : raw.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? '' : raw.slice(queryAt + 1);
  if (rawPath.length > MAX_PATH_LENGTH) return { error: 'path too long' };
  // An encoded slash would let one segment pretend to be two once decoded.
  if (/%2f/i.test(rawPath)) return { error: 'encoded slash in the path' };
  const path = decode(rawPath);
  if (path === undefined) return { error: 'malformed percent-encoding in the path' };
  if (decode(rawQuery.replace(/\+/g, ' ')) === undefined) return { error: 'malformed percent-encoding in the query' };
  if (FORBIDDEN.test(path)) return { error: 'control character or backslash in the path' };
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) return { error: 'dot segment in the path' };
  let url: URL;
  try {
    url = new URL(raw, 'http://127.0.0.1');
  } catch {
    // Unreachable for an origin-form target, which always parses against a base; refused all the same.
    return { error: 'unparseable request target' };
  }
  return { path, url };
}

export function isBadTarget(target: RequestTarget | BadTarget): target is BadTarget {
  return 'error' in target;
}

/** decodeURIComponent without the throw: undefined for bad escapes and invalid UTF-8. */
function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    // URIError is the answer here (the caller turns it into a 400), not a failure to report.
    return undefined;
  }
}
