import { randomUUID } from 'node:crypto';
import type { EventMap, EventName, ParamsOf, RequestName, Result, ResultOf } from '../../../shared/contract';
import type { Dispatcher } from './dispatcher';
import type { SessionContext } from './handler-types';

export type Session = {
  readonly id: string;
  /** For transports: name and params are untrusted and validated by the dispatcher. */
  request(name: string, params: unknown): Promise<Result<ResultOf<RequestName>>>;
  /** For in-process callers (tests, scripts): the same path, typed by the contract. */
  call<K extends RequestName>(name: K, params: ParamsOf<K>): Promise<Result<ResultOf<K>>>;
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
    // The dispatcher answers `name` with that request's result type; the map lookup loses it.
    call: (name, params) => dispatcher.dispatch(name, params, context) as Promise<Result<ResultOf<typeof name>>>,
    close() {
      if (closed) return;
      closed = true;
      for (const dispose of disposers.splice(0)) dispose();
    },
  };
}
