import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useCrmClient } from '../transport/client-context';
import { newRecordTarget } from './new-record';
import { appShortcut } from './shortcuts';
import { ShortcutHelp } from './ShortcutHelp';

/** How long a focus target may take to appear (a lazily loaded page on a busy laptop). */
const FOCUS_WAIT_MS = 3_000;
/**
 * In Electron one Ctrl+N can arrive twice: as the menu's accelerator (ui.command) and as the
 * page's own keydown. Requests closer together than this are one.
 */
const SAME_REQUEST_MS = 400;

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

/**
 * Acts on the Electron menu's app commands (ui.command) and on the app-wide keys: New Record
 * (menu, Ctrl/⌘+N, Alt+N) opens the create form of the area on screen, Settings the settings
 * page, `?` the keyboard shortcut help. Search is handled by the header search box itself.
 * Sits inside the router so it knows where the user is.
 */
export function MenuCommands() {
  const client = useCrmClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [helpOpen, setHelpOpen] = useState(false);
  const lastNewRecord = useRef(-Infinity);
  // Read when a command arrives: the listeners stay subscribed across navigation, so a focus
  // request started before navigating to the form is not cancelled by the route change.
  const pathRef = useRef(pathname);
  useEffect(() => {
    pathRef.current = pathname;
  }, [pathname]);

  useEffect(() => {
    let cancelFocus: (() => void) | undefined;
    const newRecord = (): void => {
      const pathname = pathRef.current;
      const now = performance.now();
      if (now - lastNewRecord.current < SAME_REQUEST_MS) return;
      lastNewRecord.current = now;
      setHelpOpen(false);
      const target = newRecordTarget(pathname);
      if (target.path !== pathname) void navigate(target.path);
      cancelFocus?.();
      if (target.focus) cancelFocus = focusWhenPresent(target.focus);
    };
    const stop = client.subscribe('ui.command', ({ command }) => {
      if (command === 'open-settings') void navigate('/settings');
      if (command === 'new-record') newRecord();
    });
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      const shortcut = appShortcut(event, event.target instanceof HTMLElement ? event.target : null, isMac);
      if (!shortcut) return;
      // Another modal has the keyboard: the help would stack on top of it.
      if (shortcut === 'help' && document.querySelector('dialog[open]')) return;
      // Where the page gets Ctrl+N at all (Electron, an app window), this keeps the browser from
      // also opening a window.
      event.preventDefault();
      if (shortcut === 'new-record') newRecord();
      else setHelpOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      stop();
      window.removeEventListener('keydown', onKey);
      cancelFocus?.();
    };
  }, [client, navigate]);

  return helpOpen ? <ShortcutHelp mac={isMac} onClose={() => setHelpOpen(false)} /> : null;
}

/** Focuses the element once it is in the document (the page may still be loading); gives up after a while. */
function focusWhenPresent(selector: string): () => void {
  const deadline = performance.now() + FOCUS_WAIT_MS;
  let frame = 0;
  const attempt = (): void => {
    const element = document.querySelector<HTMLElement>(selector);
    if (element) return element.focus();
    if (performance.now() < deadline) frame = requestAnimationFrame(attempt);
  };
  frame = requestAnimationFrame(attempt);
  return () => cancelAnimationFrame(frame);
}
