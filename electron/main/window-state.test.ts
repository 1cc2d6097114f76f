import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, isVisibleOnSomeDisplay, loadWindowState, saveWindowState } from './window-state';

describe('window state', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-window-'));

  it('round-trips through the JSON file', () => {
    const file = join(dir, 'a.json');
    saveWindowState(file, { x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(loadWindowState(file)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
  });

  it('falls back to defaults for a missing or corrupt file', () => {
    expect(loadWindowState(join(dir, 'missing.json'))).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(join(dir, 'bad.json'), '{"width": "wide"');
    expect(loadWindowState(join(dir, 'bad.json'))).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('notices a position on a display that is gone', () => {
    const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(isVisibleOnSomeDisplay({ ...DEFAULT_WINDOW_STATE, x: 100, y: 100 }, screen)).toBe(true);
    expect(isVisibleOnSomeDisplay({ ...DEFAULT_WINDOW_STATE, x: 3000, y: 100 }, screen)).toBe(false);
  });
});
