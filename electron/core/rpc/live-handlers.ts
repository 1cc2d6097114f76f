import { randomUUID } from 'node:crypto';
import { catchError, debounceTime, EMPTY, from, switchMap, type Observable, type Subscription } from 'rxjs';
import { fail, ok, type LiveRequestName, type LiveResult, type LiveResultMap, type ValidParamsOf } from '../../../shared/contract';
import { defineHandlers } from './dispatcher';

/** What a live query needs: how to answer it, and which change stream makes the answer stale. */
export type LiveSource<K extends LiveRequestName> = {
  readonly changes$: Observable<unknown>;
  run(params: ValidParamsOf<K>): Promise<LiveResultMap[K]>;
};
export type LiveSources = { readonly [K in LiveRequestName]: LiveSource<K> };

export type LiveOptions = {
  /** Bursts of writes (an import, a sync pull) become one push per quiet period. */
  readonly debounceMs?: number;
  readonly maxPerSession?: number;
  readonly onError?: (error: unknown) => void;
};

/**
 * live.subscribe / live.unsubscribe. Re-runs are driven by RxDB's change stream, never by a
 * timer, and a push goes out only when the window's rows, revisions or total actually changed.
 */
export function createLiveHandlers(sources: LiveSources, options: LiveOptions = {}) {
  const debounceMs = options.debounceMs ?? 50;
  const maxPerSession = options.maxPerSession ?? 50;
  const bySession = new Map<string, Map<string, Subscription>>();

  return defineHandlers({
    'live.subscribe': async ({ query }, session) => {
      let subscriptions = bySession.get(session.sessionId);
      if (!subscriptions) {
        const created = new Map<string, Subscription>();
        subscriptions = created;
        bySession.set(session.sessionId, created);
        session.onClose(() => {
          for (const subscription of created.values()) subscription.unsubscribe();
          bySession.delete(session.sessionId);
        });
      }
      if (subscriptions.size >= maxPerSession) {
        return fail('invalid_state', `At most ${maxPerSession} live queries per page; unsubscribe old ones first`);
      }

      // The union is narrowed per request, so each branch calls its own typed source.
      const run = (): Promise<LiveResult> => {
        switch (query.request) {
          case 'accounts.list':
            return sources['accounts.list'].run(query.params).then((result) => ({ request: 'accounts.list', result }));
          case 'contacts.list':
            return sources['contacts.list'].run(query.params).then((result) => ({ request: 'contacts.list', result }));
          case 'activities.list':
            return sources['activities.list'].run(query.params).then((result) => ({ request: 'activities.list', result }));
        }
      };

      const initial = await run();
      const subscriptionId = randomUUID();
      let lastKey = resultKey(initial);
      const subscription = sources[query.request].changes$
        .pipe(
          debounceTime(debounceMs),
          switchMap(() =>
            from(run()).pipe(
              catchError((error: unknown) => {
                options.onError?.(error);
                return EMPTY;
              }),
            ),
          ),
        )
        .subscribe((next) => {
          const key = resultKey(next);
          if (key === lastKey) return;
          lastKey = key;
          session.emit('live.changed', { subscriptionId, ...next });
        });
      subscriptions.set(subscriptionId, subscription);
      return ok({ subscriptionId, ...initial });
    },

    'live.unsubscribe': async ({ subscriptionId }, session) => {
      const subscriptions = bySession.get(session.sessionId);
      const subscription = subscriptions?.get(subscriptionId);
      subscription?.unsubscribe();
      subscriptions?.delete(subscriptionId);
      return ok({ removed: subscription !== undefined });
    },
  });
}

function resultKey({ result }: LiveResult): string {
  const rows = result.rows.map((row) => `${row.id}@${row.revision}`).join(',');
  return `${result.total}|${result.offset}|${rows}`;
}
