import { describe, expect, it } from 'vitest';
import { isAppUrl, resolveRendererLocation } from './renderer-location';

describe('isAppUrl', () => {
  const file = resolveRendererLocation('/opt/FieldCRM/resources/app.asar/out/main', undefined, true);

  it('accepts our built page with any hash route', () => {
    expect(isAppUrl(file, 'file:///opt/FieldCRM/resources/app.asar/out/renderer/index.html#/customers')).toBe(true);
  });

  it('rejects other files, remote pages and garbage', () => {
    expect(isAppUrl(file, 'file:///tmp/evil.html')).toBe(false);
    expect(isAppUrl(file, 'https://example.com/out/renderer/index.html')).toBe(false);
    expect(isAppUrl(file, 'not a url')).toBe(false);
  });

  it('matches the dev server by origin only when not packaged', () => {
    const dev = resolveRendererLocation('/x/out/main', 'http://localhost:5173', false);
    expect(isAppUrl(dev, 'http://localhost:5173/#/customers')).toBe(true);
    expect(isAppUrl(dev, 'http://localhost:5174/')).toBe(false);
    expect(resolveRendererLocation('/x/out/main', 'http://localhost:5173', true).kind).toBe('file');
  });
});
