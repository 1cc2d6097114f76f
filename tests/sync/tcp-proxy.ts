import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 between one client and the server, so a test can take that client
 * offline (refuse and sever every connection) or cut one connection in the middle of a response,
 * the way a train tunnel or a dying Wi-Fi would, without touching the server.
 */
export type TcpProxy = {
  readonly url: string;
  setOnline(online: boolean): void;
  /** Severs the next connection whose server-to-client bytes pass `bytes` (once). */
  cutNextResponseAfter(bytes: number): Promise<void>;
  close(): Promise<void>;
};

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let online = true;
  let cut: { bytes: number; done: () => void } | undefined;

  const server: Server = createServer((client) => {
    if (!online) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    let down = 0;
    const kill = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      down += chunk.length;
      const rule = cut;
      if (rule && down > rule.bytes) {
        cut = undefined;
        // Forward part of this chunk so the client sees a truncated body, not an empty one.
        client.write(chunk.subarray(0, Math.max(1, chunk.length - (down - rule.bytes))));
        kill();
        rule.done();
        return;
      }
      client.write(chunk);
    });
    client.on('error', kill);
    upstream.on('error', kill);
    client.on('close', kill);
    upstream.on('close', kill);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    setOnline(next) {
      online = next;
      if (!next) for (const socket of [...sockets]) socket.destroy();
    },
    cutNextResponseAfter(bytes) {
      return new Promise((resolve) => {
        cut = { bytes, done: resolve };
      });
    },
    async close() {
      for (const socket of [...sockets]) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
