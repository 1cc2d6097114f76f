import { randomUUID } from 'node:crypto';
import { catchError, debounceTime, EMPTY, from, switchMap, type Observable, type Subscription } from 'rxjs';
import { fail, ok, type LiveRequestName, type LiveResult, type Result } from '../../../shared/contract';
import { defineHandlers } from './dispatcher';
import type { SessionContext } from './handler-types';

/** What makes each live request's answer stale: the change streams it reads from. */
export type LiveTriggers = { readonly [K in LiveRequestName]: Observable<unknown> };

export type LiveOptions = {
  /** Runs a read exactly as a page's request would (validation included): the dispatcher. */
  readonly run: (name: LiveRequestName, params: unknown, session: SessionContext) => Promise<Result<unknown>>;
  readonly triggers: LiveTriggers;
  /** Bursts of writes (an import, a sync pull) become one push per quiet period. */
  readonly debounceMs?: number;
  readonly maxPerSession?: number;
  readonly onError?: (error: unknown) => void;
};

/**
 * live.subscribe / live.unsubscribe for every request in LIVE_REQUEST_NAMES. Re-runs are driven by
 * the triggers (RxDB change streams, background jobs), never by a timer, and a push goes out only
 * when the answer actually changed.
 */
export function createLiveHandlers(options: LiveOptions) {
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

      const run = async (): Promise<Result<LiveResult>> => {
        const answer = await options.run(query.request, query.params, session);
        // The dispatcher typed the answer by the request's name: this pairing is the contract's.
        return answer.ok ? ok({ request: query.request, result: answer.value } as LiveResult) : answer;
      };

      const initial = await run();
      if (!initial.ok) return initial;
      const subscriptionId = randomUUID();
      let lastKey = resultKey(initial.value.result);
      const subscription = options.triggers[query.request]
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
          // A re-run that fails (the record was deleted, say) keeps the last answer on screen.
          if (!next.ok) return;
          const key = resultKey(next.value.result);
          if (key === lastKey) return;
          lastKey = key;
          session.emit('live.changed', { subscriptionId, ...next.value });
        });
      subscriptions.set(subscriptionId, subscription);
      return ok({ subscriptionId, ...initial.value });
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

/**
 * The whole answer, not ids and revisions: rows may carry joined fields (an account's name on a
 * deal) that change without the row's own revision. A 200-row window serialises in about a millisecond.
 */
function resultKey(result: unknown): string {
  return JSON.stringify(result);
}
