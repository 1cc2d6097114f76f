import { describe, expect, it } from 'vitest';
import { appShortcut, isTypingTarget, type KeyInput } from './shortcuts';

const key = (over: Partial<KeyInput>): KeyInput => ({
  key: '',
  code: '',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...over,
});
const QUESTION = key({ key: '?', code: 'Slash', shiftKey: true });
const CTRL_N = key({ key: 'n', code: 'KeyN', ctrlKey: true });
const element = (tagName: string, extra: { type?: string; role?: string; isContentEditable?: boolean } = {}) => ({
  tagName,
  type: extra.type,
  isContentEditable: extra.isContentEditable ?? false,
  getAttribute: (name: string) => (name === 'role' ? (extra.role ?? null) : null),
});

describe('isTypingTarget', () => {
  it('is true for text fields, text areas, selects, combo boxes and editable content', () => {
    expect(isTypingTarget(element('INPUT'))).toBe(true);
    expect(isTypingTarget(element('input', { type: 'search' }))).toBe(true);
    expect(isTypingTarget(element('TEXTAREA'))).toBe(true);
    expect(isTypingTarget(element('SELECT'))).toBe(true);
    expect(isTypingTarget(element('DIV', { role: 'combobox' }))).toBe(true);
    expect(isTypingTarget(element('DIV', { isContentEditable: true }))).toBe(true);
  });

  it('is false for buttons, check boxes, the page and a grid', () => {
    expect(isTypingTarget(null)).toBe(false);
    expect(isTypingTarget(element('BUTTON'))).toBe(false);
    expect(isTypingTarget(element('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isTypingTarget(element('BODY'))).toBe(false);
    expect(isTypingTarget(element('DIV', { role: 'grid' }))).toBe(false);
  });
});

describe('appShortcut', () => {
  it('opens the help on "?" unless the user is typing', () => {
    expect(appShortcut(QUESTION, element('BODY'), false)).toBe('help');
    expect(appShortcut(QUESTION, element('DIV', { role: 'grid' }), true)).toBe('help');
    expect(appShortcut(QUESTION, element('INPUT'), false)).toBeNull();
    expect(appShortcut(QUESTION, element('TEXTAREA'), false)).toBeNull();
    expect(appShortcut(key({ key: '?', ctrlKey: true }), element('BODY'), false)).toBeNull();
  });

  it('maps Ctrl+N (⌘N on a Mac) and Alt+N to a new record, also from a text field, once per press', () => {
    expect(appShortcut(CTRL_N, element('INPUT'), false)).toBe('new-record');
    expect(appShortcut(key({ key: 'n', code: 'KeyN', metaKey: true }), null, true)).toBe('new-record');
    expect(appShortcut(CTRL_N, null, true)).toBeNull();
    expect(appShortcut(key({ key: '˜', code: 'KeyN', altKey: true }), null, true)).toBe('new-record');
    expect(appShortcut(key({ key: 'N', code: 'KeyN', ctrlKey: true, shiftKey: true }), null, false)).toBeNull();
    expect(appShortcut({ ...CTRL_N, repeat: true }, null, false)).toBeNull();
    expect(appShortcut(key({ key: 'n', code: 'KeyN' }), null, false)).toBeNull();
  });
});
