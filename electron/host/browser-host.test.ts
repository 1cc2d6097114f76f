import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { LANDING_ACCOUNTS_WINDOW } from '../../shared/contract/customers/landing-window';
import { startBrowserHost, type BrowserHost } from './browser-host';

const root = mkdtempSync(join(tmpdir(), 'crm-host-'));
const rendererDir = join(root, 'renderer');
let host: BrowserHost;
let cookie = '';

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(headers: Record<string, string>, query = ''): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

beforeAll(async () => {
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>FieldCRM</title><body><div id="root"></div></body></html>');
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer');
  host = await startBrowserHost({ dataDir: join(root, 'data'), rendererDir, port: 0, log: () => undefined });
  const secret = new URL(host.url).searchParams.get('s') ?? '';
  const trade = await get(`/?s=${secret}`);
  cookie = String(trade.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
});

afterAll(async () => {
  await host.close();
  rmSync(root, { recursive: true, force: true });
});

describe('browser host', () => {
  it('binds 127.0.0.1 and trades the secret URL for an HttpOnly SameSite=Strict cookie, then moves on to /', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?s=[\w-]{40,}$/);
    const secret = new URL(host.url).searchParams.get('s') ?? '';
    // Opened directly (typed, pasted): a redirect, no extra page.
    const direct = await get(`/?s=${secret}`, { 'sec-fetch-site': 'none' });
    expect(direct.status).toBe(303);
    expect(direct.headers['location']).toBe('/');
    expect(String(direct.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
    // From start:browser's file: launch page: a refresh from this origin, so / carries the Strict cookie.
    const launched = await get(`/?s=${secret}`, { 'sec-fetch-site': 'cross-site' });
    expect(launched.status).toBe(200);
    expect(launched.headers['refresh']).toBe('0; url=/');
    expect(launched.body).toContain('<meta http-equiv="refresh" content="0;url=/">');
    expect(String(launched.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
  });

  it('serves the page only with the cookie, with the CSP header', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/?s=wrong')).status).toBe(403);
    const page = await get('/', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>FieldCRM</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('puts the landing window (the first rows of the accounts list) in the page, before </body>', async () => {
    const page = await get('/', { cookie });
    const match = /<script type="application\/json" id="landing-window">(.*)<\/script><\/body><\/html>$/.exec(page.body);
    const embedded = JSON.parse(match?.[1] ?? 'null') as { query: unknown; result: { rows: unknown[]; total: number } };
    expect(embedded.query).toEqual(LANDING_ACCOUNTS_WINDOW);
    expect(embedded.result).toMatchObject({ rows: [], total: 0 });
  });

  it('refuses other Host headers (DNS rebinding) and paths outside the renderer', async () => {
    expect((await get('/', { cookie, host: 'evil.example:80' })).status).toBe(403);
    expect((await get('/../secret.txt', { cookie })).status).toBe(400);
    expect((await get('/%2e%2e/secret.txt', { cookie })).status).toBe(400);
    expect((await get('/assets/missing.js', { cookie })).status).toBe(404);
  });

  it('accepts a WebSocket only with the cookie and our Origin', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    await expect(openSocket({ origin })).rejects.toThrow('HTTP 403');
    await expect(openSocket({ cookie, origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
    const ws = await openSocket({ cookie, origin });
    const reply = new Promise<string>((resolve) => ws.once('message', (data: Buffer) => resolve(data.toString())));
    ws.send(JSON.stringify({ kind: 'request', id: 7, name: 'app.info', params: {} }));
    expect(JSON.parse(await reply)).toMatchObject({
      kind: 'response',
      id: 7,
      result: { ok: true, value: { name: 'FieldCRM', host: 'browser' } },
    });
    ws.close();
  });

  it('answers a malformed request with an error value and closes on a garbage frame', async () => {
    const ws = await openSocket({ cookie, origin: `http://127.0.0.1:${host.port}` });
    const reply = new Promise<string>((resolve) => ws.once('message', (data: Buffer) => resolve(data.toString())));
    ws.send(JSON.stringify({ kind: 'request', id: 1, name: 'accounts.list', params: { limit: 'all' } }));
    expect(JSON.parse(await reply)).toMatchObject({ id: 1, result: { ok: false, error: { code: 'invalid_request' } } });
    const closed = new Promise<number>((resolve) => ws.once('close', (code: number) => resolve(code)));
    ws.send('not json');
    expect(await closed).toBe(1007);
  });

  it('answers request frames sent in the WebSocket URL, and closes on a malformed list', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    const frames = [
      { kind: 'request', id: 1, name: 'app.info', params: {} },
      { kind: 'request', id: 2, name: 'accounts.list', params: { limit: 'all' } },
    ];
    // Listening from the start: the answers may come in right behind the handshake.
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?q=${encodeURIComponent(JSON.stringify(frames))}`, {
      headers: { cookie, origin },
    });
    const replies: Array<{ id: number; result: { ok: boolean } }> = [];
    await new Promise<void>((resolve) =>
      ws.on('message', (data: Buffer) => {
        replies.push(JSON.parse(data.toString()) as { id: number; result: { ok: boolean } });
        if (replies.length === 2) resolve();
      }),
    );
    expect(replies.find((reply) => reply.id === 1)).toMatchObject({ result: { ok: true, value: { name: 'FieldCRM' } } });
    expect(replies.find((reply) => reply.id === 2)).toMatchObject({ result: { ok: false, error: { code: 'invalid_request' } } });
    ws.close();

    const bad = await openSocket({ cookie, origin }, '?q=not-json');
    expect(await new Promise<number>((resolve) => bad.once('close', (code: number) => resolve(code)))).toBe(1007);
  });
});
