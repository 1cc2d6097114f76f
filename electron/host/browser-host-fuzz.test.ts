import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startBrowserHost, type BrowserHost } from './browser-host';

/**
 * Malformed request targets over real HTTP: every one gets a 4xx, none takes the host down, and
 * none reaches a file outside the renderer or writes into the data directory.
 */
const root = mkdtempSync(join(tmpdir(), 'crm-fuzz-'));
const rendererDir = join(root, 'renderer');
const dataDir = join(root, 'data');
let host: BrowserHost;
let cookie = '';

/** Sends raw bytes (so NUL, spaces and broken escapes arrive as written) and returns the status. */
function rawRequest(lines: ReadonlyArray<string | Buffer>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(host.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const head = Buffer.concat(chunks).toString('latin1');
      resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0));
    });
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.end(Buffer.concat(lines.map((line) => (typeof line === 'string' ? Buffer.from(line, 'latin1') : line))));
  });
}

function request(method: string, target: string | Buffer, headers: ReadonlyArray<string>): Promise<number> {
  return rawRequest([
    `${method} `,
    target,
    ' HTTP/1.1\r\n',
    `Host: 127.0.0.1:${host.port}\r\n`,
    ...headers.map((h) => `${h}\r\n`),
    'Connection: close\r\n\r\n',
  ]);
}

const upgradeHeaders = (): string[] => [
  'Upgrade: websocket',
  'Sec-WebSocket-Version: 13',
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
  `Origin: http://127.0.0.1:${host.port}`,
];

/** Malformed targets: bad escapes, broken UTF-8, NUL and controls, backslashes, dot segments, other forms, overlong. */
function malformedTargets(): Array<string | Buffer> {
  const pieces = [
    '%ZZ',
    '%',
    '%G0',
    '%2',
    'a%2',
    '%%',
    '%zz',
    '%u0041',
    '%C0%AF',
    '%FF',
    '%80',
    '%E0%80',
    '%ED%A0%80',
    '%F8%88%80%80%80',
    '%C3',
    '%E2%82',
    '%00',
    'a%00.js',
    '%01',
    '%1F',
    '%7F',
    '%5C',
    '%5C..%5Csecret.txt',
    '..',
    '.',
    '%2e%2e',
    '%2E%2E',
    '.%2e',
    '%2e.',
    '%2F..%2Fsecret.txt',
    '..%2Fsecret.txt',
    '..%5Csecret.txt',
  ];
  const prefixes = ['/', '/assets/', '/ws/', '/reports/pdf/', '/index.html/'];
  const targets: Array<string | Buffer> = [];
  for (const prefix of prefixes) for (const piece of pieces) targets.push(prefix + piece);
  for (const piece of ['%ZZ', '%C0%AF', '%', '%E0%80']) targets.push(`/?s=${piece}`, `/ws?q=${piece}`, `/assets/x.js?v=${piece}`);
  targets.push(
    '/../secret.txt',
    '/a/../../secret.txt',
    '/./index.html',
    '/assets/../../secret.txt',
    '/\\..\\secret.txt',
    '/assets\\x.js',
    '//evil.example/',
    '//',
    '*',
    'http://127.0.0.1/',
    'index.html',
    `/${'a'.repeat(1500)}`,
    `/${'%41'.repeat(400)}`,
    `/?q=${'a'.repeat(20_000)}`,
  );
  // Raw bytes the parser or our checks must refuse: NUL, controls, DEL, bare high bytes.
  for (const byte of [0x00, 0x01, 0x09, 0x0b, 0x1b, 0x7f, 0x80, 0xc0, 0xff]) targets.push(Buffer.from([0x2f, 0x61, byte, 0x62]));
  return targets;
}

function dataDirFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(relative(dataDir, path));
    }
  };
  walk(dataDir);
  return files.sort();
}

beforeAll(async () => {
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>FieldCRM</title><body><div id="root"></div></body></html>');
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer');
  host = await startBrowserHost({ dataDir, rendererDir, port: 0, log: () => undefined });
  const secret = new URL(host.url).searchParams.get('s') ?? '';
  const status = await request('GET', `/?s=${secret}`, []);
  expect(status).toBe(303);
  cookie = `fieldcrm_${host.port}=${secret}`;
});

afterAll(async () => {
  await host.close();
  rmSync(root, { recursive: true, force: true });
});

describe('browser host under malformed paths', () => {
  it('answers every malformed request with a 4xx and keeps serving', async () => {
    const before = dataDirFiles();
    const targets = malformedTargets();
    const cases: Array<() => Promise<{ label: string; status: number }>> = [];
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'];
    targets.forEach((target, index) => {
      const label = typeof target === 'string' ? target.slice(0, 60) : `bytes ${target.toString('hex')}`;
      // Every target with and without the cookie; the method and the upgrade vary along the list.
      for (const withCookie of [true, false]) {
        const headers = withCookie ? [`Cookie: ${cookie}`] : [];
        const method = methods[(index + (withCookie ? 0 : 3)) % methods.length] ?? 'GET';
        cases.push(async () => ({ label: `${method} ${label}`, status: await request(method, target, headers) }));
        cases.push(async () => ({
          label: `upgrade ${label}`,
          status: await request(
            'GET',
            target,
            [...headers, 'Connection: Upgrade', ...upgradeHeaders()].filter((h) => h !== 'Connection: close'),
          ),
        }));
      }
    });
    expect(cases.length).toBeGreaterThanOrEqual(500);

    const results: Array<{ label: string; status: number }> = [];
    for (let at = 0; at < cases.length; at += 16) results.push(...(await Promise.all(cases.slice(at, at + 16).map((run) => run()))));
    const wrong = results.filter(({ status }) => status < 400 || status >= 500);
    expect(wrong).toEqual([]);

    // Still alive: the page is served and the core answers a contract request.
    expect(await request('GET', '/', [`Cookie: ${cookie}`])).toBe(200);
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, { headers: { cookie, origin: `http://127.0.0.1:${host.port}` } });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const reply = new Promise<string>((resolve) => ws.once('message', (data: Buffer) => resolve(data.toString())));
    ws.send(JSON.stringify({ kind: 'request', id: 1, name: 'accounts.list', params: { limit: 5 } }));
    expect(JSON.parse(await reply)).toMatchObject({ id: 1, result: { ok: true, value: { total: 0 } } });
    ws.close();

    // No file appeared in the data directory (the database's own files were there before).
    expect(dataDirFiles()).toEqual(before);
  });
});
