import { createServer, request, type IncomingMessage } from 'node:http';

/** Runs before a request is passed on; the request waits for it (a test changes the server meanwhile). */
export type BeforeForward = (method: string, path: string) => Promise<void>;

/** What passed through: each request's body once it was read, and whether its answer was delivered whole. */
export type RelayObserver = {
  readonly onRequest?: (method: string, path: string, body: Buffer, answered: Promise<boolean>) => void;
  /** A whole answer that was not an event stream, once delivered to the client. */
  readonly onAnswer?: (method: string, path: string, status: number, body: Buffer) => void;
};

export type HttpRelay = {
  readonly url: string;
  /** Offline: open connections are cut and new ones refused, as when the Wi-Fi drops. */
  setOnline(online: boolean): void;
  close(): Promise<void>;
};

/**
 * An HTTP relay on 127.0.0.1 in front of the sync server that can hold a request until the test
 * has done something, so "the server changed between page 1 and page 2" happens exactly there
 * instead of by timing. Responses (SSE streams included) are piped through as they arrive.
 */
export async function startHttpRelay(
  targetPort: number,
  beforeForward: BeforeForward = () => Promise.resolve(),
  observer: RelayObserver = {},
): Promise<HttpRelay> {
  let online = true;
  const relay = createServer((incoming: IncomingMessage, outgoing) => {
    if (!online) {
      incoming.socket.destroy();
      return;
    }
    const method = incoming.method ?? 'GET';
    const path = incoming.url ?? '/';
    const answered = new Promise<boolean>((resolve) => {
      outgoing.on('finish', () => resolve(true));
      outgoing.on('close', () => resolve(outgoing.writableFinished));
    });
    beforeForward(method, path).then(
      () => {
        const upstream = request({ host: '127.0.0.1', port: targetPort, method, path, headers: incoming.headers }, (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          const onAnswer = observer.onAnswer;
          if (onAnswer && !String(answer.headers['content-type'] ?? '').startsWith('text/event-stream')) {
            const parts: Buffer[] = [];
            answer.on('data', (chunk: Buffer) => parts.push(chunk));
            outgoing.on('finish', () => onAnswer(method, path, answer.statusCode ?? 502, Buffer.concat(parts)));
          }
          answer.pipe(outgoing);
        });
        upstream.on('error', () => outgoing.destroy());
        outgoing.on('close', () => upstream.destroy());
        // Read alongside the pipe, attached in the same tick: the body waits paused until then.
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => observer.onRequest?.(method, path, Buffer.concat(chunks), answered));
        incoming.pipe(upstream);
      },
      (error: unknown) => {
        outgoing.writeHead(500, { 'content-type': 'application/json' });
        outgoing.end(JSON.stringify({ code: 'relay_hook_failed', message: String(error) }));
      },
    );
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const address = relay.address();
  if (typeof address !== 'object' || !address) throw new Error('the relay has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    setOnline(next) {
      online = next;
      if (!next) relay.closeAllConnections();
    },
    close: () =>
      new Promise((resolve) => {
        relay.closeAllConnections();
        relay.close(() => resolve());
      }),
  };
}
