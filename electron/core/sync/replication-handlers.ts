import type { AuthSessionManager } from './auth-session';
import { backoffDelay, sleep } from './backoff';
import type { Connectivity } from './connectivity';
import { BAD_RESPONSE, isTransient, type HttpFailure, type HttpResult } from './sync-http';
import type { SyncError } from '../../../shared/contract/sync/sync-types';

/** What a handler tells the engine; every call is cheap and synchronous. */
export type HandlerReporter = {
  /** A request succeeded: clears a transient error shown in the status. */
  readonly ok: () => void;
  /** Retrying on its own (server 5xx, rate limit); shown, not fatal. */
  readonly transient: (error: SyncError) => void;
  /** Retrying will not help until something changes (app update, new sign-in). */
  readonly fatal: (error: SyncError) => void;
};

export type RequestLoopDeps = {
  readonly auth: AuthSessionManager;
  readonly connectivity: Connectivity;
  readonly reporter: HandlerReporter;
  readonly signal: AbortSignal;
};

/** Outcomes a caller handles itself instead of the generic retry loop (410 on pull, 400/413 on push). */
export type Special<T> = (failure: Extract<HttpFailure, { kind: 'http' }>) => T | undefined;

const BLOCKED_WAIT_MS = 60 * 60_000;

/**
 * Runs one sync request until it succeeds, with the retry policy shared by pull and push: network
 * failures and 5xx/429 back off exponentially with jitter (woken early by "Sync now" or by coming
 * back online), a 426 or a lost session blocks until woken, and only our own stop throws.
 */
export async function requestWithRetry<T, S>(
  deps: RequestLoopDeps,
  send: () => Promise<HttpResult<T>>,
  special: Special<S>,
): Promise<{ ok: true; body: T } | { ok: false; special: S }> {
  const wake = (listener: () => void) => deps.connectivity.onWake(listener);
  for (let attempt = 0; ; attempt++) {
    const r = await send();
    if (r.ok) {
      deps.connectivity.reportSuccess();
      deps.reporter.ok();
      return { ok: true, body: r.body };
    }
    const failure = r.failure;
    if (failure.kind === 'http') {
      const handled = special(failure);
      if (handled !== undefined) return { ok: false, special: handled };
    }
    if (failure.kind === 'network') {
      deps.connectivity.reportNetworkFailure();
    } else if (failure.status === 426) {
      deps.reporter.fatal({ code: 'update_required', message: failure.message });
      await sleep(BLOCKED_WAIT_MS, deps.signal, wake);
      continue;
    } else if (failure.status === 401) {
      // The auth manager already refreshed once; a 401 now means the session is gone.
      await sleep(BLOCKED_WAIT_MS, deps.signal, wake);
      continue;
    } else if (isTransient(failure)) {
      deps.reporter.transient({
        code: failure.status === 429 ? 'rate_limited' : 'server_error',
        message: `${failure.code}: ${failure.message}`,
      });
    } else if (failure.code === BAD_RESPONSE) {
      // The server (or a proxy in front of it) answered something the protocol does not allow:
      // nothing of it is written; retry slowly and show it.
      deps.reporter.transient({ code: 'server_error', message: failure.message });
      attempt = Math.max(attempt, 6);
    } else {
      // A 4xx we did not expect is a bug on one side; keep retrying slowly and show it.
      deps.reporter.transient({ code: 'internal', message: `HTTP ${failure.status} ${failure.code}: ${failure.message}` });
      attempt = Math.max(attempt, 6);
    }
    await sleep(backoffDelay(attempt), deps.signal, wake);
  }
}
