import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { WIRE_CLOSE } from '../../shared/contract/wire';
import { logRecord, type LogSink } from '../core/logging/log-record';
import { loadOrCreateKeyFile } from '../core/security/database-key';
import { startCoreThread } from '../core/threads/core-thread';
import { createHostAuth } from './host-auth';
import { createHostPdfPrinter } from './pdf-printer';
import { keepLandingWindow, serveLandingPage } from './landing-page';
import { isBadTarget, parseRequestTarget } from './request-target';
import { isPage, plain, securityHeaders, serveStatic } from './static-files';
import { attachConnection, framesInUrl, MAX_FRAME_BYTES } from './ws-connection';

export type BrowserHostOptions = {
  readonly dataDir: string;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** 0 picks a free port (tests run many hosts side by side). */
  readonly port?: number;
  readonly appVersion?: string;
  /** Where log records go (the host's log file); default: the terminal. */
  readonly log?: LogSink;
  /** Called when the host stops serving because its core stopped by itself. */
  readonly onCoreExit?: (error: Error) => void;
};

export type BrowserHost = {
  /** Open this to use the app; it carries the secret, so give it only to the user who started us. */
  readonly url: string;
  readonly port: number;
  /** Resolves when the first page has opened its WebSocket (the secret URL has done its job). */
  readonly firstConnection: Promise<void>;
  close(): Promise<void>;
};

/**
 * The core and the built renderer without Electron: an HTTP server for the page and a WebSocket
 * for the contract, on 127.0.0.1 only. See host-auth.ts for how a page proves it is ours. The core
 * runs on its own thread (electron/core/threads/core-thread.ts), so files and frames never wait
 * for the database.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const sink: LogSink = options.log ?? ((record) => console.error(`[host] ${record.level} ${record.message}`, record.error ?? ''));
  const log = (message: string, error?: unknown): void =>
    sink(logRecord(error === undefined ? 'warn' : 'error', message, error, undefined, 'host'));
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const core = await startCoreThread({
    dataDir: options.dataDir,
    appVersion: options.appVersion ?? '0.0.0',
    host: 'browser',
    // The browser host has no OS key store: the key lives in a 0600 file beside the database.
    databaseKey: loadOrCreateKeyFile(options.dataDir),
    keyProtection: 'key-file',
    log: sink,
    ...(options.onCoreExit ? { onUnexpectedExit: options.onCoreExit } : {}),
  });
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
  const printer = createHostPdfPrinter({
    secretUrl: `http://127.0.0.1:${port}/?s=${auth.secret}`,
    origin: `http://127.0.0.1:${port}`,
    log,
  });
  core.setPrinter(printer.print);
  const landing = keepLandingWindow(core, log);
  let connected: () => void = () => undefined;
  const firstConnection = new Promise<void>((resolve) => (connected = resolve));

  const handleRequest = (request: IncomingMessage, response: ServerResponse): void => {
    if (!auth.isOurHost(request)) return plain(response, 403, 'Forbidden');
    const target = parseRequestTarget(request.url);
    if (isBadTarget(target)) return plain(response, 400, 'Bad request');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(response, 405, 'Method not allowed');
    if (auth.isSecretUrl(target.url)) return handOffCookie(request, response, auth.setCookieHeader());
    if (!auth.hasCookie(request)) return plain(response, 403, 'Forbidden');
    const pdfToken = /^\/reports\/pdf\/([\w-]{1,64})$/.exec(target.path)?.[1];
    if (pdfToken) return sendPdf(response, printer.take(pdfToken));
    if (request.method === 'GET' && isPage(target.path)) return serveLandingPage(options.rendererDir, response, landing.element(), log);
    serveStatic(options.rendererDir, target.path, response, log);
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    try {
      handleRequest(request, response);
    } catch (error) {
      // A bug, not bad input (that is a 400 above): log it, answer if we still can, keep serving.
      log(`${request.method ?? '?'} request failed`, error);
      if (!response.headersSent) plain(response, 500, 'Internal error');
      else response.destroy();
    }
  });

  const refuse = (socket: Duplex, status: '400 Bad Request' | '403 Forbidden'): void => {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      const target = parseRequestTarget(request.url);
      if (isBadTarget(target)) return refuse(socket, '400 Bad Request');
      if (target.path !== '/ws' || !auth.isOurHost(request) || !auth.isOurOrigin(request) || !auth.hasCookie(request)) {
        return refuse(socket, '403 Forbidden');
      }
      const early = framesInUrl(target.url);
      wss.handleUpgrade(request, socket, head, (ws) => {
        if (early === 'malformed') return ws.close(1007, 'Expected a JSON array of request frames in q');
        attachConnection(core, ws, (error) => log('websocket error', error), early);
        connected();
      });
    } catch (error) {
      log('websocket upgrade failed', error);
      socket.destroy();
    }
  });

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/?s=${auth.secret}`,
    port,
    firstConnection,
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

/**
 * Trades the secret in the URL for the cookie and moves the page on to `/`, so the secret leaves
 * the address bar and the history. A page opened directly (typed, pasted, a test's goto: fetch
 * site `none` or same-origin) gets a 303, which costs no extra page. The SameSite=Strict cookie
 * travels only on same-site requests, and a redirect keeps the site that started the navigation:
 * when start:browser opens its `file:` launch page (chromium-launch.ts), `/` would arrive without
 * the cookie. That navigation (fetch site `cross-site`) gets a refresh from this origin instead.
 */
function handOffCookie(request: IncomingMessage, response: ServerResponse, setCookie: string): void {
  if (request.headers['sec-fetch-site'] !== 'cross-site') {
    response.writeHead(303, { ...securityHeaders(), Location: '/', 'Cache-Control': 'no-store', 'Set-Cookie': setCookie });
    response.end();
    return;
  }
  response.writeHead(200, {
    ...securityHeaders(),
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Set-Cookie': setCookie,
    Refresh: '0; url=/',
  });
  response.end(
    '<!doctype html><html><head><meta http-equiv="refresh" content="0;url=/"><title>FieldCRM</title></head><body></body></html>',
  );
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
