import type { EventMap, EventName } from './push-events';
import type { ParamsOf, RequestName, ResultOf } from './requests';
import type { Result } from './result';

/**
 * The one object a page gets from its host: `window.crm` in Electron (preload), or the WebSocket
 * client in the browser host. Both satisfy this type, so the renderer cannot tell them apart.
 */
export type CrmBridge = {
  request<K extends RequestName>(name: K, params: ParamsOf<K>): Promise<Result<ResultOf<K>>>;
  /** Returns the function that removes the listener. */
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
};

/** Electron IPC channel names; main listens only on these. */
export const IPC_CHANNELS = {
  request: 'crm:request',
  event: 'crm:event',
} as const;
