import type { AuthUser } from '../../../shared/contract/sync/sync-types';

/** What survives a restart so a rep stays signed in offline for days. */
export type StoredSession = {
  readonly serverUrl: string;
  readonly user: AuthUser;
  readonly accessToken: string;
  /** Epoch ms (local clock: only used to refresh a little early, never for ordering). */
  readonly accessExpiresAt: number;
  readonly refreshToken: string;
};

/**
 * Where tokens live. Injected because the secure place depends on the host: Electron main encrypts
 * with safeStorage (OS keychain); the browser host keeps a 0600 file (file-token-store.ts).
 */
export type TokenStore = {
  load(): Promise<StoredSession | undefined>;
  save(session: StoredSession): Promise<void>;
  clear(): Promise<void>;
};

/** For tests and for a host that wants sign-in to last only as long as the process. */
export function createMemoryTokenStore(initial?: StoredSession): TokenStore {
  let current = initial;
  return {
    load: async () => current,
    save: async (session) => {
      current = session;
    },
    clear: async () => {
      current = undefined;
    },
  };
}
