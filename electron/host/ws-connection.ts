import type { WebSocket } from 'ws';
import type { WireEvent } from '../../shared/contract/wire';
import { fail } from '../../shared/contract/result';
import type { CoreThread } from '../core/threads/core-thread';

/** Frames beyond this are refused by `ws` itself (maxPayload); an import goes through files, not one frame. */
export const MAX_FRAME_BYTES = 1024 * 1024;

/** Request frames a page may put in the WebSocket URL (`/ws?q=[frame,…]`, see websocket-bridge.ts). */
export const MAX_URL_FRAMES = 8;

/**
 * The request frames a page sent in its WebSocket URL: the requests it made before the socket
 * opened, so the core starts them during the handshake instead of once the page's busy main
 * thread gets to the socket's open event. Same shape checks as frames on the socket.
 */
export function framesInUrl(url: URL): ReadonlyArray<string> | 'malformed' {
  const text = url.searchParams.get('q');
  if (text === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON: the caller closes the socket with 1007, which is the page's answer.
    return 'malformed';
  }
  if (!Array.isArray(value) || value.length > MAX_URL_FRAMES) return 'malformed';
  return value.map((frame) => JSON.stringify(frame));
}

/**
 * One WebSocket = one core session. Inbound frames are parsed and shape-checked here; the params
 * inside are validated by the core's dispatcher like any IPC payload. `early` are frames that
 * came in the URL (framesInUrl), handled as if they were the first ones on the socket.
 */
export function attachConnection(
  core: Pick<CoreThread, 'openSession'>,
  socket: WebSocket,
  onError: (error: unknown) => void,
  early: ReadonlyArray<string> = [],
): void {
  const session = core.openSession((event, payload) => {
    if (socket.readyState !== socket.OPEN) return;
    const frame: WireEvent = { kind: 'event', event, payload } as WireEvent;
    socket.send(JSON.stringify(frame));
  });

  const receive = (text: string | undefined): void => {
    const frame = text === undefined ? undefined : parseFrame(text);
    if (!frame) {
      socket.close(1007, 'Expected a JSON request frame');
      return;
    }
    const reply = (result: unknown): void => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ kind: 'response', id: frame.id, result }));
    };
    if (typeof frame.name !== 'string') {
      reply(fail('invalid_request', 'Request name must be a string'));
      return;
    }
    session.request(frame.name, frame.params).then(reply, (error: unknown) => {
      // The dispatcher turns handler failures into values; reaching here is a bug worth logging.
      onError(error);
      reply(fail('internal', 'Request failed'));
    });
  };
  socket.on('message', (data, isBinary) => receive(isBinary ? undefined : data.toString()));
  socket.on('close', () => session.close());
  socket.on('error', onError);
  for (const text of early) receive(text);
}

type InboundFrame = { readonly id: number; readonly name: unknown; readonly params: unknown };

function parseFrame(text: string): InboundFrame | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON: undefined makes receive() close the socket with 1007.
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { kind, id, name, params } = value as Record<string, unknown>;
  if (kind !== 'request' || typeof id !== 'number' || !Number.isSafeInteger(id)) return undefined;
  return { id, name, params };
}
