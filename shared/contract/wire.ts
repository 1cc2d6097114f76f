import type { EventMap, EventName } from './push-events';
import type { RequestName } from './requests';
import type { Result } from './result';

/**
 * Frames of the browser host's WebSocket (JSON text). Requests carry an id the response echoes,
 * so many can be in flight; events have no id. The server validates every inbound frame; these
 * types describe the well-formed ones.
 */
export type WireRequest = {
  readonly kind: 'request';
  readonly id: number;
  readonly name: RequestName;
  readonly params: WireParams;
};

/** Params travel as parsed JSON; the core's contract schema decides whether they are valid. */
export type WireParams = { readonly [key: string]: WireJson };
export type WireJson = string | number | boolean | null | ReadonlyArray<WireJson> | { readonly [key: string]: WireJson };

export type WireResponse<T> = {
  readonly kind: 'response';
  readonly id: number;
  readonly result: Result<T>;
};

export type WireEvent<E extends EventName = EventName> = {
  readonly kind: 'event';
  readonly event: E;
  readonly payload: EventMap[E];
};

/** Close codes the page shows as "disconnected" (4401: the secret was missing or wrong). */
export const WIRE_CLOSE = { unauthorized: 4401, shuttingDown: 4001 } as const;
