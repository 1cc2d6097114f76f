import type { EventMap, EventName, RequestName, Result, ResultOf, ValidParamsOf } from '../../../shared/contract';

/**
 * One connected page (an Electron window or a browser-host WebSocket). Live subscriptions belong
 * to a session and end with it, so a closed window never keeps a query running.
 */
export type SessionContext = {
  readonly sessionId: string;
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
  /** Runs `dispose` when the session closes (or at once if it already has). */
  onClose(dispose: () => void): void;
};

/**
 * A request handler gets params already validated against the contract schema (defaults filled),
 * and answers with a Result. It may also throw a HandlerError from deep inside; anything else it
 * throws becomes an `internal` error value.
 */
export type Handler<K extends RequestName> = (params: ValidParamsOf<K>, session: SessionContext) => Promise<Result<ResultOf<K>>>;

export type HandlerGroup = { readonly [K in RequestName]?: Handler<K> };
