import { z } from 'zod';
import type { SignInResult, SyncError } from '../../../shared/contract/sync/sync-types';
import {
  tokenResponseSchema,
  type LoginRequest,
  type LogoutRequest,
  type RefreshRequest,
  type TokenResponse,
} from '../../../shared/contract/sync/wire/auth';
import { checkServerUrl } from './server-url';
import { BAD_RESPONSE, requestJson, type HttpFailure, type HttpRequest, type HttpResult } from './sync-http';
import type { StoredSession, TokenStore } from './token-store';

/** Refresh this long before the access token runs out, so a request never leaves with a dying token. */
const REFRESH_MARGIN_MS = 30_000;
const REFRESH_FAILURES = new Set(['refresh_token_invalid', 'refresh_token_reused', 'unauthorized']);

export type AuthSessionManager = {
  current(): StoredSession | undefined;
  /**
   * Reads the stored session (stay signed in across restarts, offline included). A session whose
   * address the sign-in gate would refuse is forgotten unused and reported through `onExpired`.
   */
  restore(): Promise<StoredSession | undefined>;
  signIn(serverUrl: string, email: string, password: string, signal: AbortSignal): Promise<SignInResult>;
  /** Revokes the refresh token when the server is reachable; forgets the tokens either way. */
  signOut(signal: AbortSignal): Promise<void>;
  /** An authorized request: refreshes ahead of expiry and once more on a 401 `token_expired`. */
  request<T>(path: string, init: Omit<HttpRequest, 'headers'>, schema: z.ZodType<T>): Promise<HttpResult<T>>;
  /** A fresh access token for the SSE stream, or the failure that prevented it. */
  accessToken(signal: AbortSignal): Promise<{ ok: true; token: string } | { ok: false; failure: HttpFailure }>;
};

export type AuthEvents = {
  /** The session cannot go on (refresh token refused, address refused): sign in again; local data stays. */
  onExpired(error: SyncError): void;
};

export function createAuthSessionManager(store: TokenStore, events: AuthEvents, now: () => number = Date.now): AuthSessionManager {
  let session: StoredSession | undefined;
  let refreshing: Promise<{ ok: true; token: string } | { ok: false; failure: HttpFailure }> | undefined;

  const toStored = (serverUrl: string, r: TokenResponse): StoredSession => ({
    serverUrl,
    user: r.user,
    accessToken: r.accessToken,
    accessExpiresAt: now() + r.expiresIn * 1000,
    refreshToken: r.refreshToken,
  });

  async function refresh(signal: AbortSignal): Promise<{ ok: true; token: string } | { ok: false; failure: HttpFailure }> {
    const before = session;
    if (!before) return { ok: false, failure: { kind: 'http', status: 401, code: 'not_signed_in', message: 'not signed in' } };
    const body: RefreshRequest = { refreshToken: before.refreshToken };
    const r = await requestJson(`${before.serverUrl}/auth/refresh`, { method: 'POST', body, signal }, tokenResponseSchema);
    if (!r.ok) {
      if (r.failure.kind === 'http' && r.failure.status === 401 && REFRESH_FAILURES.has(r.failure.code)) {
        session = undefined;
        await store.clear();
        events.onExpired({
          code: 'session_expired',
          message: 'Your session ended; sign in again to keep syncing. Your local changes are kept.',
        });
      }
      return r;
    }
    // Signed out (or in as someone else) while the refresh was in flight: do not resurrect it.
    if (session !== before) return { ok: false, failure: { kind: 'http', status: 401, code: 'not_signed_in', message: 'signed out' } };
    session = toStored(before.serverUrl, r.body);
    await store.save(session);
    return { ok: true, token: session.accessToken };
  }

  // Refresh tokens are single use: two concurrent refreshes would make the server revoke the family.
  function refreshOnce(signal: AbortSignal) {
    refreshing ??= refresh(signal).finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  async function accessToken(signal: AbortSignal) {
    if (!session)
      return { ok: false as const, failure: { kind: 'http' as const, status: 401, code: 'not_signed_in', message: 'not signed in' } };
    if (session.accessExpiresAt - REFRESH_MARGIN_MS > now()) return { ok: true as const, token: session.accessToken };
    return refreshOnce(signal);
  }

  return {
    current: () => session,
    async restore() {
      const stored = await store.load();
      const checked = stored && checkServerUrl(stored.serverUrl);
      if (checked && !checked.ok) {
        // Its tokens would travel unencrypted; they are not sent anywhere, not even to sign out.
        await store.clear();
        events.onExpired(checked.error);
        return undefined;
      }
      session = stored;
      return session;
    },
    async signIn(serverUrl, email, password, signal) {
      const checked = checkServerUrl(serverUrl);
      if (!checked.ok) return { signedIn: false, error: checked.error };
      const base = checked.base;
      const body: LoginRequest = { email, password };
      const r = await requestJson(`${base}/auth/login`, { method: 'POST', body, signal, timeoutMs: 15_000 }, tokenResponseSchema);
      if (!r.ok) return { signedIn: false, error: signInError(r.failure) };
      session = toStored(base, r.body);
      await store.save(session);
      return { signedIn: true, user: session.user };
    },
    async signOut(signal) {
      const current = session;
      session = undefined;
      await store.clear();
      if (!current) return;
      // Best effort: offline sign-out must work; the refresh token then simply expires.
      const body: LogoutRequest = { refreshToken: current.refreshToken };
      await requestJson(
        `${current.serverUrl}/auth/logout`,
        { method: 'POST', headers: { authorization: `Bearer ${current.accessToken}` }, body, signal, timeoutMs: 5_000 },
        z.unknown(),
      );
    },
    async request<T>(path: string, init: Omit<HttpRequest, 'headers'>, schema: z.ZodType<T>): Promise<HttpResult<T>> {
      for (let attempt = 0; ; attempt++) {
        const token = await accessToken(init.signal);
        if (!token.ok) return token;
        const base = session?.serverUrl;
        if (!base) return { ok: false, failure: { kind: 'http', status: 401, code: 'not_signed_in', message: 'not signed in' } };
        const r = await requestJson(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${token.token}` } }, schema);
        if (r.ok || attempt > 0 || r.failure.kind !== 'http' || r.failure.status !== 401) return r;
        // The token died early (server clock, revoked): refresh once and retry.
        const refreshed = await refreshOnce(init.signal);
        if (!refreshed.ok) return refreshed;
      }
    },
    accessToken,
  };
}

function signInError(failure: HttpFailure): SyncError {
  if (failure.kind === 'network') return { code: 'unreachable', message: `The sync server cannot be reached (${failure.message}).` };
  if (failure.code === 'invalid_credentials') return { code: 'invalid_credentials', message: 'Wrong e-mail or password.' };
  if (failure.status === 429) return { code: 'rate_limited', message: failure.message };
  if (failure.status === 426) return { code: 'update_required', message: failure.message };
  if (failure.code === BAD_RESPONSE) return { code: 'server_error', message: failure.message };
  return { code: 'server_error', message: `${failure.code}: ${failure.message}` };
}
