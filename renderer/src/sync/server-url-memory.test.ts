import { describe, expect, it } from 'vitest';
import { normalizeServerUrl } from './server-url-memory';

describe('normalizeServerUrl', () => {
  it('adds https:// and drops trailing slashes', () => {
    expect(normalizeServerUrl(' sync.example.com/ ')).toBe('https://sync.example.com');
    expect(normalizeServerUrl('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
    expect(normalizeServerUrl('https://example.com/crm/')).toBe('https://example.com/crm');
    expect(normalizeServerUrl('localhost:8080')).toBe('https://localhost:8080');
  });
  it('refuses other schemes and garbage', () => {
    expect(normalizeServerUrl('ftp://example.com')).toBeUndefined();
    expect(normalizeServerUrl('')).toBeUndefined();
    expect(normalizeServerUrl('http://')).toBeUndefined();
  });
});
