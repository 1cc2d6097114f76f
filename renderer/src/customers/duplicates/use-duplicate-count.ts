import { useEffect, useState } from 'react';
import { DUPLICATE_ENTITIES, type DuplicateEntity } from '../../../../shared/contract/customers/duplicates-requests';
import { useCrmClient } from '../../transport/client-context';

/**
 * The customers list paints first; the duplicates count for the tab is asked for afterwards, so
 * the queue's first computation never competes with the start-up window.
 */
const COUNT_AFTER_MS = 1_500;

/** Likely pairs across accounts and contacts, live; null until both are known. */
export function useDuplicateCount(): number | null {
  const client = useCrmClient();
  const [totals, setTotals] = useState<Partial<Record<DuplicateEntity, number>>>({});

  useEffect(() => {
    let active = true;
    const subscriptions = new Map<string, DuplicateEntity>();
    const stopEvents = client.subscribe('live.changed', (event) => {
      const entity = subscriptions.get(event.subscriptionId);
      if (!active || !entity) return;
      const total = (event.result as { total?: number }).total;
      if (typeof total === 'number') setTotals((current) => ({ ...current, [entity]: total }));
    });
    const timer = setTimeout(() => {
      for (const entity of DUPLICATE_ENTITIES) {
        void client.send('live.subscribe', { query: { request: 'duplicates.queue', params: { entity, limit: 1 } } }).then((answer) => {
          if (!answer.ok) return;
          if (!active) {
            void client.send('live.unsubscribe', { subscriptionId: answer.value.subscriptionId });
            return;
          }
          subscriptions.set(answer.value.subscriptionId, entity);
          if (answer.value.request === 'duplicates.queue') {
            const total = answer.value.result.total;
            setTotals((current) => ({ ...current, [entity]: total }));
          }
        });
      }
    }, COUNT_AFTER_MS);
    return () => {
      active = false;
      clearTimeout(timer);
      stopEvents();
      for (const subscriptionId of subscriptions.keys()) void client.send('live.unsubscribe', { subscriptionId });
    };
  }, [client]);

  const values = DUPLICATE_ENTITIES.map((entity) => totals[entity]);
  return values.every((value) => value !== undefined) ? values.reduce<number>((sum, value) => sum + (value ?? 0), 0) : null;
}
