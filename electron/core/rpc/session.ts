import { randomUUID } from 'node:crypto';
import type { EventMap, EventName, RequestName, Result, ResultOf } from '../../../shared/contract';
import type { Dispatcher } from './dispatcher';
import type { SessionContext } from './handler-types';

export type Session = {
  readonly id: string;
  request(name: string, params: unknown): Promise<Result<ResultOf<RequestName>>>;
  /** Ends live subscriptions; further events are dropped. Safe to call twice. */
  close(): void;
};

export type EventSink = <E extends EventName>(event: E, payload: EventMap[E]) => void;

export function createSession(dispatcher: Dispatcher, sink: EventSink): Session {
  const id = randomUUID();
  const disposers: Array<() => void> = [];
  let closed = false;

  const context: SessionContext = {
    sessionId: id,
    emit(event, payload) {
      if (!closed) sink(event, payload);
    },
    onClose(dispose) {
      if (closed) dispose();
      else disposers.push(dispose);
    },
  };

  return {
    id,
    request: (name, params) => dispatcher.dispatch(name, params, context),
    close() {
      if (closed) return;
      closed = true;
      for (const dispose of disposers.splice(0)) dispose();
    },
  };
}
