import type { z } from 'zod';
import { describeIssues, errorBodySchema } from '../../../shared/contract/sync/wire/errors';

/**
 * HTTP to the sync server as values: a request either answers (2xx with a JSON body that matches
 * the wire schema it was asked for), fails with the server's `{ code, message }`, or fails on the
 * network (refused, reset, timed out). An answer that does not match the schema is a failure with
 * code `bad_response`, so nothing malformed ever reaches the local database.
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

/** Code of a failure whose HTTP status was fine but whose body was not what the protocol says. */
export const BAD_RESPONSE = 'bad_response';

export async function requestJson<T>(url: string, request: HttpRequest, schema: z.ZodType<T>): Promise<HttpResult<T>> {
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
        failure: { kind: 'http', status: response.status, code: BAD_RESPONSE, message: `unreadable response (HTTP ${response.status})` },
      };
    }
  }
  if (response.ok) {
    const parsed = schema.safeParse(body);
    // The body as received once it passed: zod's copy would reorder a document's fields.
    if (parsed.success) return { ok: true, status: response.status, body: body as T };
    const message = `the server's answer to ${request.method} ${new URL(url).pathname} does not follow the sync protocol (${describeIssues(parsed.error)})`;
    return { ok: false, failure: { kind: 'http', status: response.status, code: BAD_RESPONSE, message } };
  }
  const err = errorBodySchema.safeParse(body);
  return {
    ok: false,
    failure: err.success
      ? { kind: 'http', status: response.status, code: err.data.code, message: err.data.message, details: err.data.details }
      : { kind: 'http', status: response.status, code: `http_${response.status}`, message: `HTTP ${response.status}` },
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
