import { useCallback, useEffect, useState } from 'react';
import type { CrmError, ParamsOf, RequestName, ResultOf } from '../../../shared/contract';
import { useToastStore } from '../common/toast-store';
import { useCrmClient } from '../transport/client-context';

export type RequestState<T> =
  { readonly status: 'loading' } | { readonly status: 'ready'; readonly value: T } | { readonly status: 'error'; readonly error: CrmError };

/**
 * One read request; `reload` re-runs it after this screen wrote something. `key` describes the
 * params, so a new key refetches while the previous answer stays on screen (no flicker on a drag).
 */
export function useRequest<K extends RequestName>(
  name: K,
  params: ParamsOf<K>,
  key: string,
): RequestState<ResultOf<K>> & { readonly reload: () => void } {
  const client = useCrmClient();
  const [state, setState] = useState<RequestState<ResultOf<K>>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let active = true;
    void client.send(name, params).then((answer) => {
      if (!active) return;
      setState(answer.ok ? { status: 'ready', value: answer.value } : { status: 'error', error: answer.error });
    });
    return () => {
      active = false;
    };
    // `params` is described by `key`; depending on the object would refetch on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, name, key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** Sends a write; on failure shows the error as a toast and returns null, so callers only handle success. */
export function useSend() {
  const client = useCrmClient();
  const show = useToastStore((state) => state.show);
  return useCallback(
    async <K extends RequestName>(name: K, params: ParamsOf<K>, failed: (message: string) => string): Promise<ResultOf<K> | null> => {
      const answer = await client.send(name, params);
      if (answer.ok) return answer.value;
      show({ message: failed(answer.error.message), tone: 'error' });
      return null;
    },
    [client, show],
  );
}

/** Today in the rep's time zone as YYYY-MM-DD, plus `days`. */
export function localIsoDate(days = 0): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
