import type { EventMap, EventName, ParamsOf, RequestName, Result, ResultOf } from '../../../shared/contract';
import type { ConnectionState } from './connection-state';
import { electronBridge } from './window-crm';
import { createWebSocketBridge } from './websocket-bridge';

/**
 * What screens use to talk to the core, identical in Electron and in the browser host.
 * Errors arrive as values (`result.ok === false`); `send` never rejects.
 */
export type CrmClient = {
  readonly host: 'electron' | 'browser';
  send<K extends RequestName>(name: K, params: ParamsOf<K>): Promise<Result<ResultOf<K>>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
};

export function createCrmClient(): CrmClient {
  const bridge = electronBridge();
  if (bridge) {
    return {
      host: 'electron',
      send: (name, params) =>
        bridge.request(name, params).catch((error: unknown) => ({
          ok: false as const,
          error: { code: 'disconnected' as const, message: error instanceof Error ? error.message : String(error) },
        })),
      subscribe: (event, listener) => bridge.on(event, listener),
      onConnectionChange: (listener) => {
        // IPC to our own main process is always there while the window exists.
        listener('open');
        return () => undefined;
      },
    };
  }
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = createWebSocketBridge(`${protocol}//${window.location.host}/ws`);
  return {
    host: 'browser',
    send: (name, params) => ws.request(name, params),
    subscribe: (event, listener) => ws.on(event, listener),
    onConnectionChange: (listener) => ws.onConnectionChange(listener),
  };
}
