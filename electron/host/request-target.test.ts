import { describe, expect, it } from 'vitest';
import { isBadTarget, parseRequestTarget } from './request-target';

const bad = (raw: string | undefined): boolean => isBadTarget(parseRequestTarget(raw));

describe('parseRequestTarget', () => {
  it('accepts the targets our page and hosts use, decoded', () => {
    const page = parseRequestTarget('/?s=abc_-123');
    expect(isBadTarget(page) ? page.error : page.url.searchParams.get('s')).toBe('abc_-123');
    const asset = parseRequestTarget('/assets/index-Ab12.js');
    expect(isBadTarget(asset) ? asset.error : asset.path).toBe('/assets/index-Ab12.js');
    const spaced = parseRequestTarget('/assets/a%20b.css');
    expect(isBadTarget(spaced) ? spaced.error : spaced.path).toBe('/assets/a b.css');
    const frames = encodeURIComponent(JSON.stringify([{ kind: 'request', id: 1, name: 'app.info', params: {} }]));
    expect(bad(`/ws?q=${frames}`)).toBe(false);
    expect(bad('/reports/pdf/Ab-12_x')).toBe(false);
  });

  it('refuses bad percent-encoding and invalid UTF-8 instead of throwing', () => {
    for (const raw of ['/%ZZ', '/%', '/a%2', '/%C0%AF', '/%FF', '/%ED%A0%80', '/?s=%ZZ', '/ws?q=%E0%80']) expect(bad(raw)).toBe(true);
  });

  it('refuses NUL, control characters, backslashes, dot segments and encoded slashes', () => {
    for (const raw of ['/%00', '/a\u0000b', '/%01', '/a\\b', '/%5C', '/..', '/%2e%2e/secret', '/./index.html', '/a/.%2E/b', '/%2F..%2Fx'])
      expect(bad(raw)).toBe(true);
  });

  it('refuses other forms and overlong targets', () => {
    for (const raw of [undefined, '', '*', 'http://127.0.0.1/', '//evil.example/', `/${'a'.repeat(2000)}`, `/?q=${'a'.repeat(20_000)}`])
      expect(bad(raw)).toBe(true);
  });
});
