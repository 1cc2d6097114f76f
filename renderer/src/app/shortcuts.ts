/**
 * The app-wide keyboard shortcuts that are not tied to one control (lists, search and dialogs
 * handle their own keys). Pure, so the key mapping is tested without a page.
 */
export type AppShortcut = 'help' | 'new-record';

/** The parts of a keyboard event the mapping reads (a DOM KeyboardEvent fits). */
export type KeyInput = {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly repeat?: boolean;
};

/** What an element is, as far as typing goes (an HTMLElement fits). */
export type TargetInput = {
  readonly tagName: string;
  readonly isContentEditable?: boolean;
  readonly type?: string;
  readonly getAttribute?: (name: string) => string | null;
} | null;

/** Input types where a printable key is not text (a "?" there cannot be typed, so it may open the help). */
const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** True when printable keys go into the element as text: the shortcut keys must not be taken from it. */
export function isTypingTarget(target: TargetInput): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
  return target.getAttribute?.('role') === 'combobox';
}

/**
 * Maps a keydown to an app shortcut:
 * - `?` (not while typing): the keyboard shortcut help;
 * - Ctrl+N (⌘N on a Mac): a new record of the area on screen, also from a text field, as in any
 *   desktop app. A browser tab never sees Ctrl+N (Chromium opens a new window), so Alt+N does the
 *   same there; matched by physical key, since Alt+N types a dead key on a Mac keyboard.
 */
export function appShortcut(event: KeyInput, target: TargetInput, mac: boolean): AppShortcut | null {
  const command = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  if (command && !event.altKey && !event.shiftKey && event.code === 'KeyN') return event.repeat ? null : 'new-record';
  if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === 'KeyN') {
    return event.repeat ? null : 'new-record';
  }
  if (event.key === '?' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingTarget(target)) return 'help';
  return null;
}
