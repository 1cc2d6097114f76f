import { newRecordTarget, type NewRecordTarget } from './new-record';

/**
 * Where a New Record request comes from. Only the menu's accelerator and the page's own
 * Ctrl/⌘+N can be one press: Electron may deliver that key both ways. Alt+N is no menu
 * accelerator, so it always reaches the app once.
 */
export type NewRecordSource = 'menu' | 'command-key' | 'alt-key';

/** The two deliveries of one press arrive this close together; two presses by a person are further apart or come the same way. */
export const SAME_PRESS_MS = 400;

/**
 * Tells apart one press delivered twice from two requests: the second of a menu command and a
 * Ctrl/⌘+N keydown (either order) within SAME_PRESS_MS is the same press and is dropped; two
 * keydowns, two menu commands, or anything with Alt+N are separate requests.
 */
export function createNewRecordGate(now: () => number): (source: NewRecordSource) => boolean {
  let last: { readonly source: Exclude<NewRecordSource, 'alt-key'>; readonly at: number } | null = null;
  return (source) => {
    const at = now();
    if (source === 'alt-key') {
      last = null;
      return true;
    }
    if (last && last.source !== source && at - last.at < SAME_PRESS_MS) {
      // Paired: a third delivery would be a new press.
      last = null;
      return false;
    }
    last = { source, at };
    return true;
  };
}

/** What a New Record request does: the create form to open, and whether that needs a navigation. */
export type NewRecordStep = NewRecordTarget & { readonly navigate: boolean };

/**
 * The step for a request made on `pathname` while an earlier request may still be on its way to
 * `heading` (a lazily loaded form not shown yet). The user is where they are heading: a second
 * request for the same form only focuses it again, and a request from another screen opens that
 * screen's form.
 */
export function newRecordStep(pathname: string, heading: string | null): NewRecordStep {
  const here = heading ?? pathname;
  const target = newRecordTarget(here);
  return { ...target, navigate: target.path !== pathname && target.path !== heading };
}
