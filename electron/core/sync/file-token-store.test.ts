import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileTokenStore, PLAIN_TOKEN_FILE_NAME, TOKEN_FILE_NAME } from './file-token-store';
import type { StoredSession } from './token-store';

const dirs: string[] = [];
const dir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'tokens-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const session: StoredSession = {
  serverUrl: 'http://127.0.0.1:1',
  user: { userId: 'u1', email: 'rep@example.com', role: 'rep', teamId: 't1' },
  accessToken: 'access-token-in-the-clear',
  accessExpiresAt: 123,
  refreshToken: 'refresh-token-in-the-clear',
};

const key = randomBytes(32);

function store(directory: string, databaseKey: Uint8Array = key) {
  const logged: string[] = [];
  return { store: createFileTokenStore({ directory, databaseKey, log: (message) => logged.push(message) }), logged };
}

/** No token, address or mail of the session appears in the file's bytes. */
function expectSealed(file: string): void {
  const bytes = readFileSync(file).toString('latin1');
  for (const secret of [session.accessToken, session.refreshToken, session.user.email, session.serverUrl]) {
    expect(bytes).not.toContain(secret);
  }
}

describe('file token store', () => {
  it('round-trips a session in an encrypted file only the user can read, and forgets it on clear', async () => {
    const d = dir();
    const { store: tokens } = store(d);
    expect(await tokens.load()).toBeUndefined();
    await tokens.save(session);
    expect(await tokens.load()).toEqual(session);
    expect(statSync(join(d, TOKEN_FILE_NAME)).mode & 0o777).toBe(0o600);
    expectSealed(join(d, TOKEN_FILE_NAME));
    // Another store on the same directory and key (the next start) reads it too.
    expect(await store(d).store.load()).toEqual(session);
    await tokens.clear();
    expect(await tokens.load()).toBeUndefined();
    expect(existsSync(join(d, TOKEN_FILE_NAME))).toBe(false);
  });

  it('encrypts the plain session file of an earlier install, then deletes the plain file', async () => {
    const d = dir();
    writeFileSync(join(d, PLAIN_TOKEN_FILE_NAME), JSON.stringify(session), { mode: 0o600 });
    expect(await store(d).store.load()).toEqual(session);
    expect(existsSync(join(d, PLAIN_TOKEN_FILE_NAME))).toBe(false);
    expectSealed(join(d, TOKEN_FILE_NAME));
    expect(await store(d).store.load()).toEqual(session);
  });

  it('treats a torn plain file as signed out, logs it and removes it', async () => {
    const d = dir();
    writeFileSync(join(d, PLAIN_TOKEN_FILE_NAME), '{"serverUrl":');
    const { store: tokens, logged } = store(d);
    expect(await tokens.load()).toBeUndefined();
    expect(logged.join('\n')).toMatch(/signed out/);
    expect(existsSync(join(d, PLAIN_TOKEN_FILE_NAME))).toBe(false);
  });

  it('reads a torn, foreign or other-key file as signed out and logs it, never throws', async () => {
    const d = dir();
    await store(d).store.save(session);
    const file = join(d, TOKEN_FILE_NAME);
    const sealed = readFileSync(file);
    const cases: [string, Buffer][] = [
      ['torn', sealed.subarray(0, sealed.length - 7)],
      ['a flipped bit', Buffer.concat([sealed.subarray(0, -1), Buffer.from([sealed[sealed.length - 1]! ^ 1])])],
      // What an earlier Electron build wrote with safeStorage (v10/v11 prefix, then ciphertext).
      ['foreign', Buffer.concat([Buffer.from('v11'), randomBytes(80)])],
      ['empty', Buffer.alloc(0)],
    ];
    for (const [what, bytes] of cases) {
      writeFileSync(file, bytes);
      const { store: tokens, logged } = store(d);
      expect(await tokens.load(), what).toBeUndefined();
      expect(logged, what).toHaveLength(1);
    }
    await store(d).store.save(session);
    const other = store(d, randomBytes(32));
    expect(await other.store.load()).toBeUndefined();
    expect(other.logged.join('\n')).toMatch(/could not be decrypted with this install's key/);
  });

  it('keeps the encrypted session when a crash left the plain file beside it, and removes the plain one', async () => {
    const d = dir();
    await store(d).store.save({ ...session, accessToken: 'newer' });
    writeFileSync(join(d, PLAIN_TOKEN_FILE_NAME), JSON.stringify(session));
    expect((await store(d).store.load())?.accessToken).toBe('newer');
    expect(existsSync(join(d, PLAIN_TOKEN_FILE_NAME))).toBe(false);
  });
});
