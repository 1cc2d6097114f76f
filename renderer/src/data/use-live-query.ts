import { useEffect, useState } from 'react';
import type { CrmError, LiveQuery, LiveRequestName, LiveResultMap } from '../../../shared/contract';
import { useCrmClient } from '../transport/client-context';

export type LiveState<K extends LiveRequestName> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly result: LiveResultMap[K] }
  | { readonly status: 'error'; readonly error: CrmError };

type ParamsFor<K extends LiveRequestName> = Extract<LiveQuery, { request: K }>['params'];

/**
 * One live query for a small panel (an account's contacts, its timeline): the core pushes a new
 * answer whenever the collection changes, whoever changed it (this screen, another, a sync pull).
 * `key` identifies the params; a new key resubscribes.
 */
export function useLiveQuery<K extends LiveRequestName>(request: K, params: ParamsFor<K>, key: string): LiveState<K> {
  const client = useCrmClient();
  const [state, setState] = useState<{ key: string; value: LiveState<K> }>({ key, value: { status: 'loading' } });

  useEffect(() => {
    let subscriptionId: string | null = null;
    let active = true;
    const stopEvents = client.subscribe('live.changed', (event) => {
      if (active && event.subscriptionId === subscriptionId)
        setState({ key, value: { status: 'ready', result: event.result as LiveResultMap[K] } });
    });
    const query = { request, params } as LiveQuery;
    void client.send('live.subscribe', { query }).then((answer) => {
      if (!answer.ok) {
        if (active) setState({ key, value: { status: 'error', error: answer.error } });
        return;
      }
      if (!active) {
        void client.send('live.unsubscribe', { subscriptionId: answer.value.subscriptionId });
        return;
      }
      subscriptionId = answer.value.subscriptionId;
      setState({ key, value: { status: 'ready', result: answer.value.result as LiveResultMap[K] } });
    });
    return () => {
      active = false;
      stopEvents();
      if (subscriptionId) void client.send('live.unsubscribe', { subscriptionId });
    };
    // `params` is described by `key`; depending on the object would resubscribe on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, request, key]);

  return state.key === key ? state.value : { status: 'loading' };
}
