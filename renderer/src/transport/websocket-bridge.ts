import type {
  CrmBridge,
  EventMap,
  EventName,
  ParamsOf,
  RequestName,
  Result,
  ResultOf,
  WireEvent,
  WireResponse,
} from '../../../shared/contract';
// Not the barrel: this module loads before the app's screens, and the barrel builds every schema.
import { WIRE_CLOSE } from '../../../shared/contract/wire';
import type { ConnectionState } from './connection-state';

type Pending = (result: Result<ResultOf<RequestName>>) => void;

/** Limits of the first connection's URL frames (electron/host/ws-connection.ts reads them). */
const MAX_URL_FRAMES = 8;
const MAX_URL_FRAME_CHARS = 4000;
type Listener = (payload: EventMap[EventName]) => void;
type InboundFrame = WireResponse<ResultOf<RequestName>> | WireEvent;

export type WebSocketBridge = CrmBridge & {
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
};

/**
 * The browser host's stand-in for `window.crm`. Authentication is the HttpOnly cookie the host
 * set when the page was opened with its secret, so this code never sees the secret. The socket
 * reconnects with backoff; requests in flight when it drops fail with `disconnected`, and
 * listeners hear `open` again so live lists can re-subscribe.
 */
export function createWebSocketBridge(url: string): WebSocketBridge {
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<Listener>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket;
  let retryMs = 250;
  let state: ConnectionState = 'connecting';
  /** The first connection's URL, with the requests made before it (see the end of this function). */
  let firstUrl: string | undefined;

  const setState = (next: ConnectionState): void => {
    state = next;
    for (const listener of connectionListeners) listener(next);
  };

  function connect(): void {
    socket = new WebSocket(firstUrl ?? url);
    firstUrl = undefined;
    socket.addEventListener('open', () => {
      retryMs = 250;
      setState('open');
      for (const frame of queue.splice(0)) socket.send(frame);
    });
    socket.addEventListener('message', (message) => {
      if (typeof message.data !== 'string') return;
      const frame = JSON.parse(message.data) as InboundFrame;
      if (frame.kind === 'response') {
        pending.get(frame.id)?.(frame.result);
        pending.delete(frame.id);
      } else if (frame.kind === 'event') {
        for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
      }
    });
    socket.addEventListener('close', (event) => {
      for (const resolve of pending.values())
        resolve({ ok: false, error: { code: 'disconnected', message: 'Connection to the app closed' } });
      pending.clear();
      if (event.code === WIRE_CLOSE.unauthorized) {
        // Retrying cannot fix a missing secret: the page must be opened from the printed URL.
        setState('unauthorized');
        return;
      }
      setState('connecting');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5_000);
    });
  }
  // The first connection waits one microtask: requests made right after this returns (main.tsx
  // primes the first list window) travel in its URL, so the host starts them during the handshake
  // rather than when this page's busy main thread gets to the open event.
  queueMicrotask(() => {
    const early = `[${queue.join(',')}]`;
    if (queue.length > 0 && queue.length <= MAX_URL_FRAMES && early.length <= MAX_URL_FRAME_CHARS) {
      queue.length = 0;
      firstUrl = `${url}?q=${encodeURIComponent(early)}`;
    }
    connect();
  });

  return {
    request<K extends RequestName>(name: K, params: ParamsOf<K>): Promise<Result<ResultOf<K>>> {
      const id = nextId++;
      const frame = JSON.stringify({ kind: 'request', id, name, params });
      return new Promise((resolve) => {
        pending.set(id, resolve as Pending);
        if (state === 'open' && socket.readyState === WebSocket.OPEN) socket.send(frame);
        else queue.push(frame);
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      const wrapped = listener as Listener;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
  };
}
