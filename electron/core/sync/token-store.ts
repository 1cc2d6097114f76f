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
 * Where tokens live. Every host uses the core's encrypted session file (file-token-store.ts),
 * keyed by the database key; injectable so tests can keep a session in memory.
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
