import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useCrmClient } from '../transport/client-context';
import { newRecordTarget } from './new-record';

/** How long a focus target may take to appear (a lazily loaded page on a busy laptop). */
const FOCUS_WAIT_MS = 3_000;

/**
 * Acts on the Electron menu's app commands (ui.command): New Record opens the create form of the
 * area on screen, Settings the settings page. Search is handled by the header search box itself.
 * Renders nothing; it sits inside the router so it knows where the user is.
 */
export function MenuCommands() {
  const client = useCrmClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  useEffect(() => {
    let cancelFocus: (() => void) | undefined;
    const stop = client.subscribe('ui.command', ({ command }) => {
      if (command === 'open-settings') void navigate('/settings');
      if (command !== 'new-record') return;
      const target = newRecordTarget(pathname);
      if (target.path !== pathname) void navigate(target.path);
      cancelFocus?.();
      if (target.focus) cancelFocus = focusWhenPresent(target.focus);
    });
    return () => {
      stop();
      cancelFocus?.();
    };
  }, [client, navigate, pathname]);

  return null;
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
