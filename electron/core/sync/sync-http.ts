/**
 * HTTP to the sync server as values: a request either answers (2xx with its JSON body), fails
 * with the server's `{ code, message }`, or fails on the network (refused, reset, timed out).
 * Only an abort by our own signal throws, so "stopped" is never mistaken for "offline".
 */
export type HttpFailure =
  | { readonly kind: 'network'; readonly message: string }
  | { readonly kind: 'http'; readonly status: number; readonly code: string; readonly message: string; readonly details?: unknown };

export type HttpResult<T> =
  { readonly ok: true; readonly status: number; readonly body: T } | { readonly ok: false; readonly failure: HttpFailure };

export type HttpRequest = {
  readonly method: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly signal: AbortSignal;
  /** A request that hangs (half-open TCP, a stalled proxy) counts as a network failure after this. */
  readonly timeoutMs?: number;
};

export const DEFAULT_TIMEOUT_MS = 30_000;

export async function requestJson<T>(url: string, request: HttpRequest): Promise<HttpResult<T>> {
  const signal = AbortSignal.any([request.signal, AbortSignal.timeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS)]);
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal,
      // The address passed checkServerUrl; a redirect could lead the password or a token to an
      // address that would not (https → plain http). The sync server never redirects.
      redirect: 'error',
    });
    text = await response.text();
  } catch (error) {
    if (request.signal.aborted) throw request.signal.reason instanceof Error ? request.signal.reason : new Error('sync stopped');
    return { ok: false, failure: { kind: 'network', message: describeNetworkError(error) } };
  }
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // A proxy's HTML error page or a truncated body: report it like the server would.
      return {
        ok: false,
        failure: { kind: 'http', status: response.status, code: 'bad_response', message: `unreadable response (HTTP ${response.status})` },
      };
    }
  }
  if (response.ok) return { ok: true, status: response.status, body: body as T };
  const err = (typeof body === 'object' && body !== null ? body : {}) as { code?: unknown; message?: unknown; details?: unknown };
  return {
    ok: false,
    failure: {
      kind: 'http',
      status: response.status,
      code: typeof err.code === 'string' ? err.code : `http_${response.status}`,
      message: typeof err.message === 'string' ? err.message : `HTTP ${response.status}`,
      details: err.details,
    },
  };
}

export function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return `${error.message}${detail}`;
  }
  return String(error);
}

/** Failures worth retrying with backoff: the network, the server having a bad moment, rate limits. */
export function isTransient(failure: HttpFailure): boolean {
  return failure.kind === 'network' || failure.status >= 500 || failure.status === 429 || failure.status === 408;
}
