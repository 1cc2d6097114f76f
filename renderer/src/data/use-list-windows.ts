import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { LiveListName } from '../../../shared/contract';
import { useCrmClient } from '../transport/client-context';
import { useUiStore } from '../state/ui-store';
import { createListWindows, type ListQueryParams, type ListSnapshot, type ListWindows } from './list-windows';

/**
 * One list store per query (filter + sort). A new query means a new store, so rows of the old
 * sort never flash in the new one. The store restarts when the connection comes back, because
 * the core forgot our subscriptions when the socket closed.
 */
export function useListWindows<K extends LiveListName>(
  request: K,
  query: ListQueryParams<K>,
): { windows: ListWindows<K>; snapshot: ListSnapshot } {
  const client = useCrmClient();
  const connection = useUiStore((state) => state.connection);
  const key = JSON.stringify(query);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is the query's identity; the object itself is new every render.
  const windows = useMemo(() => createListWindows(client, request, query), [client, request, key]);

  useEffect(() => {
    if (connection !== 'open') return;
    windows.start();
    return () => windows.stop();
  }, [windows, connection]);

  const snapshot = useSyncExternalStore(windows.subscribe, windows.getSnapshot);
  return { windows, snapshot };
}
