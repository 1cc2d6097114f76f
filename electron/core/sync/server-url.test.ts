import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuthSessionManager } from './auth-session';
import { checkServerUrl, isLoopbackHost } from './server-url';
import { createMemoryTokenStore, type StoredSession } from './token-store';

describe('checkServerUrl', () => {
  it('accepts https:// to any host and keeps a path prefix', () => {
    expect(checkServerUrl('https://sync.example.com/')).toEqual({ ok: true, base: 'https://sync.example.com' });
    expect(checkServerUrl(' https://example.com:8443/crm//?x=1#y ')).toEqual({ ok: true, base: 'https://example.com:8443/crm' });
  });

  it.each(['http://localhost:8080', 'http://127.0.0.1:9', 'http://127.8.9.10/', 'http://[::1]:3000', 'http://127.1', 'http://LOCALHOST'])(
    'accepts plain http:// to this computer: %s',
    (url) => {
      expect(checkServerUrl(url).ok).toBe(true);
    },
  );

  it.each([
    'http://sync.example.com',
    'http://10.0.0.5:8080',
    'http://192.168.1.20',
    'http://128.0.0.1',
    'http://127.0.0.1.example.com',
    'http://localhost.example.com',
    'http://[::ffff:127.0.0.1]',
    'http://[fe80::1]',
  ])('refuses plain http:// to another computer: %s', (url) => {
    const checked = checkServerUrl(url);
    expect(checked).toMatchObject({ ok: false, error: { code: 'insecure_url' } });
    if (!checked.ok) expect(checked.error.message).toMatch(/https:\/\//);
  });

  it.each(['ftp://example.com', 'not a url', 'https://user:pw@example.com'])('refuses what is no usable address: %s', (url) => {
    expect(checkServerUrl(url)).toMatchObject({ ok: false, error: { code: 'bad_url' } });
  });

  it('knows loopback hosts exactly as the URL parser spells them', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('::1')).toBe(false);
    expect(isLoopbackHost('127.0.0.1.nip.io')).toBe(false);
  });
});

describe('sign-in over plain http', () => {
  afterEach(() => vi.restoreAllMocks());

  it('refuses a remote http:// address before any request leaves', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const store = createMemoryTokenStore();
    const auth = createAuthSessionManager(store, { onExpired: () => undefined });
    const result = await auth.signIn('http://sync.example.com', 'rep@example.com', 'secret password', AbortSignal.timeout(1000));
    expect(result).toMatchObject({ signedIn: false, error: { code: 'insecure_url' } });
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(auth.current()).toBeUndefined();
    expect(await store.load()).toBeUndefined();
  });

  it('forgets a stored session to a remote http:// address instead of using it', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const stored: StoredSession = {
      serverUrl: 'http://sync.example.com',
      user: { userId: 'u1', email: 'rep@example.com', role: 'rep', teamId: 't1' },
      accessToken: 'access',
      accessExpiresAt: Date.now() + 60_000,
      refreshToken: 'refresh',
    };
    const store = createMemoryTokenStore(stored);
    const ended: string[] = [];
    const auth = createAuthSessionManager(store, { onExpired: (error) => ended.push(error.code) });
    expect(await auth.restore()).toBeUndefined();
    expect(auth.current()).toBeUndefined();
    expect(await store.load()).toBeUndefined();
    expect(ended).toEqual(['insecure_url']);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
