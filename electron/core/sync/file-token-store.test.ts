import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileTokenStore, TOKEN_FILE_NAME } from './file-token-store';
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
  user: { userId: 'u1', email: 'a@b.c', role: 'rep', teamId: 't1' },
  accessToken: 'access',
  accessExpiresAt: 123,
  refreshToken: 'refresh',
};

describe('file token store', () => {
  it('round-trips a session in a file only the user can read, and forgets it on clear', async () => {
    const d = dir();
    const store = createFileTokenStore(d);
    expect(await store.load()).toBeUndefined();
    await store.save(session);
    expect(await store.load()).toEqual(session);
    expect(statSync(join(d, TOKEN_FILE_NAME)).mode & 0o777).toBe(0o600);
    await store.clear();
    expect(await store.load()).toBeUndefined();
  });

  it('treats a corrupt file as signed out', async () => {
    const d = dir();
    writeFileSync(join(d, TOKEN_FILE_NAME), '{"serverUrl":');
    expect(await createFileTokenStore(d).load()).toBeUndefined();
  });
});
