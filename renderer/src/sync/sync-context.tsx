import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AuthSession, SyncStatus } from '../../../shared/contract/sync/sync-types';
import { useCrmClient } from '../transport/client-context';

export type SyncContextValue = {
  /** Undefined until the core first answers. */
  readonly status: SyncStatus | undefined;
  readonly session: AuthSession | undefined;
  readonly conflictCount: number;
  /** Re-reads the session (after sign-in/out; the core sends no event for it). */
  readonly refreshSession: () => Promise<void>;
};

const SyncContext = createContext<SyncContextValue | null>(null);

/**
 * One subscription to `sync.status` and `conflicts.changed` for the whole shell, so the header,
 * the sidebar badge and the pages agree and the core is asked once, not once per widget.
 * Everything is re-read when the connection to the core (re)opens: events sent while the socket
 * was down are lost.
 */
export function SyncProvider({ children }: { readonly children: ReactNode }) {
  const client = useCrmClient();
  const [status, setStatus] = useState<SyncStatus | undefined>(undefined);
  const [session, setSession] = useState<AuthSession | undefined>(undefined);
  const [conflictCount, setConflictCount] = useState(0);

  const refreshSession = useCallback(async () => {
    const result = await client.send('auth.session', {});
    if (result.ok) setSession(result.value);
  }, [client]);

  useEffect(() => {
    const reload = (): void => {
      void client.send('sync.status', {}).then((result) => {
        if (result.ok) setStatus(result.value);
      });
      void client.send('conflicts.list', { limit: 1 }).then((result) => {
        if (result.ok) setConflictCount(result.value.total);
      });
      void refreshSession();
    };
    const offStatus = client.subscribe('sync.status', (next) => {
      setStatus(next);
      // The core ends a session on its own (refresh token refused); the status is how we hear of it.
      if (next.state === 'signed_out' || next.error?.code === 'session_expired') void refreshSession();
    });
    const offConflicts = client.subscribe('conflicts.changed', ({ total }) => setConflictCount(total));
    const offConnection = client.onConnectionChange((state) => {
      if (state === 'open') reload();
    });
    return () => {
      offStatus();
      offConflicts();
      offConnection();
    };
  }, [client, refreshSession]);

  const value = useMemo(() => ({ status, session, conflictCount, refreshSession }), [status, session, conflictCount, refreshSession]);
  return <SyncContext value={value}>{children}</SyncContext>;
}

export function useSync(): SyncContextValue {
  const value = useContext(SyncContext);
  if (!value) throw new Error('useSync outside <SyncProvider>');
  return value;
}
