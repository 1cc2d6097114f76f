import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { WIRE_CLOSE } from '../../shared/contract/wire';
import { startCoreThread } from './core-thread';
import { createHostAuth } from './host-auth';
import { createHostPdfPrinter } from './pdf-printer';
import { keepLandingWindow, serveLandingPage } from './landing-page';
import { isPage, plain, serveStatic } from './static-files';
import { attachConnection, framesInUrl, MAX_FRAME_BYTES } from './ws-connection';

export type BrowserHostOptions = {
  readonly dataDir: string;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** 0 picks a free port (tests run many hosts side by side). */
  readonly port?: number;
  readonly appVersion?: string;
  readonly log?: (message: string, error?: unknown) => void;
};

export type BrowserHost = {
  /** Open this to use the app; it carries the secret, so print it only to the user who started us. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
};

/**
 * The core and the built renderer without Electron: an HTTP server for the page and a WebSocket
 * for the contract, on 127.0.0.1 only. See host-auth.ts for how a page proves it is ours. The core
 * runs on its own thread (core-thread.ts), so files and frames never wait for the database.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[host] ${message}`, error ?? ''));
  const core = await startCoreThread({ dataDir: options.dataDir, appVersion: options.appVersion ?? '0.0.0', log });
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    await core.close();
    throw error;
  }
  // Handlers are attached once the port (part of the Host/Origin checks) is known; nobody can
  // have the URL before this function returns it.
  const { port } = server.address() as AddressInfo;
  const auth = createHostAuth(port);
  // The printer needs the port and secret, known only once the server listens; until then export refuses.
  const printer = createHostPdfPrinter({ secretUrl: `http://127.0.0.1:${port}/?s=${auth.secret}`, origin: `http://127.0.0.1:${port}` });
  core.setPrinter(printer.print);
  const landing = keepLandingWindow(core, log);

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!auth.isOurHost(request)) return plain(response, 403, 'Forbidden');
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(response, 405, 'Method not allowed');
    if (auth.isSecretUrl(url)) {
      // Trade the secret in the URL for a cookie and drop it from the address bar and history.
      return plain(response, 303, 'See /', { Location: '/', 'Set-Cookie': auth.setCookieHeader() });
    }
    if (!auth.hasCookie(request)) return plain(response, 403, 'Forbidden');
    const pdfToken = /^\/reports\/pdf\/([\w-]{1,64})$/.exec(url.pathname)?.[1];
    if (pdfToken) return sendPdf(response, printer.take(pdfToken));
    if (request.method === 'GET' && isPage(url.pathname)) return serveLandingPage(options.rendererDir, response, landing.element());
    serveStatic(options.rendererDir, url.pathname, response);
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ws' || !auth.isOurHost(request) || !auth.isOurOrigin(request) || !auth.hasCookie(request)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const early = framesInUrl(url);
    wss.handleUpgrade(request, socket, head, (ws) => {
      if (early === 'malformed') return ws.close(1007, 'Expected a JSON array of request frames in q');
      attachConnection(core, ws, (error) => log('websocket error', error), early);
    });
  });

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/?s=${auth.secret}`,
    port,
    close() {
      closing ??= (async () => {
        for (const client of wss.clients) client.close(WIRE_CLOSE.shuttingDown, 'Host shutting down');
        wss.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        printer.close();
        landing.close();
        await core.close();
      })();
      return closing;
    },
  };
}

function sendPdf(response: ServerResponse, pdf: { readonly bytes: Buffer; readonly fileName: string } | undefined): void {
  if (!pdf) return plain(response, 404, 'Not found');
  response.writeHead(200, {
    'Content-Type': 'application/pdf',
    'Content-Length': pdf.bytes.length,
    'Content-Disposition': `attachment; filename="${pdf.fileName.replace(/[^\w.-]/g, '_')}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(pdf.bytes);
}
