import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useCrmClient } from '../transport/client-context';
import { createNewRecordGate, newRecordStep, type NewRecordSource } from './new-record-requests';
import { appShortcut } from './shortcuts';
import { ShortcutHelp } from './ShortcutHelp';

/** How long a focus target may take to appear (a lazily loaded page on a busy laptop). */
const FOCUS_WAIT_MS = 3_000;

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

/**
 * Acts on the Electron menu's app commands (ui.command) and on the app-wide keys: New Record
 * (menu, Ctrl/⌘+N, Alt+N) opens the create form of the area on screen, Settings the settings
 * page, `?` the keyboard shortcut help. Search is handled by the header search box itself.
 * Sits inside the router so it knows where the user is.
 *
 * Each New Record request acts once, for the screen it was made on: one press that Electron
 * delivers both as the menu accelerator and as a keydown counts once (createNewRecordGate), and
 * a request for the form already open, or still loading from the previous request, focuses it
 * again instead of navigating twice. Requests from different screens each open their own form,
 * however quickly they follow each other.
 */
export function MenuCommands() {
  const client = useCrmClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [helpOpen, setHelpOpen] = useState(false);
  // Read when a command arrives: the listeners stay subscribed across navigation, so a focus
  // request started before navigating to the form is not cancelled by the route change.
  const pathRef = useRef(pathname);
  // The form a New Record request is navigating to until the route changes (or the wait runs out).
  const headingRef = useRef<{ readonly path: string; readonly until: number } | null>(null);
  useEffect(() => {
    pathRef.current = pathname;
    headingRef.current = null;
  }, [pathname]);

  useEffect(() => {
    let cancelFocus: (() => void) | undefined;
    const samePress = createNewRecordGate(() => performance.now());
    const newRecord = (source: NewRecordSource): void => {
      if (!samePress(source)) return;
      setHelpOpen(false);
      const now = performance.now();
      const heading = headingRef.current && headingRef.current.until > now ? headingRef.current.path : null;
      const step = newRecordStep(pathRef.current, heading);
      if (step.navigate) {
        headingRef.current = { path: step.path, until: now + FOCUS_WAIT_MS };
        void navigate(step.path);
      }
      cancelFocus?.();
      if (step.focus) cancelFocus = focusWhenPresent(step.focus);
    };
    const stop = client.subscribe('ui.command', ({ command }) => {
      if (command === 'open-settings') void navigate('/settings');
      if (command === 'new-record') newRecord('menu');
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
      if (shortcut === 'new-record') newRecord(event.altKey ? 'alt-key' : 'command-key');
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
