import type { WebSocket } from 'ws';
import { fail, type WireEvent } from '../../shared/contract';
import type { Core } from '../core/core';

/** Frames beyond this are refused by `ws` itself (maxPayload); an import goes through files, not one frame. */
export const MAX_FRAME_BYTES = 1024 * 1024;

/**
 * One WebSocket = one core session. Inbound frames are parsed and shape-checked here; the params
 * inside are validated by the core's dispatcher like any IPC payload.
 */
export function attachConnection(core: Core, socket: WebSocket, onError: (error: unknown) => void): void {
  const session = core.openSession((event, payload) => {
    if (socket.readyState !== socket.OPEN) return;
    const frame: WireEvent = { kind: 'event', event, payload } as WireEvent;
    socket.send(JSON.stringify(frame));
  });

  socket.on('message', (data, isBinary) => {
    const frame = isBinary ? undefined : parseFrame(data.toString());
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
  });
  socket.on('close', () => session.close());
  socket.on('error', onError);
}

type InboundFrame = { readonly id: number; readonly name: unknown; readonly params: unknown };

function parseFrame(text: string): InboundFrame | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { kind, id, name, params } = value as Record<string, unknown>;
  if (kind !== 'request' || typeof id !== 'number' || !Number.isSafeInteger(id)) return undefined;
  return { id, name, params };
}
