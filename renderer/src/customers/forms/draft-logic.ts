import type { PrefValue } from '../../prefs/prefs-db';

/** Form values a draft can hold: what inputs produce (text, checkboxes). */
export type DraftValues = Readonly<Record<string, string | boolean>>;

/**
 * Drafts are keyed by what the form edits, so the same record reopened from anywhere finds its
 * draft: 'accounts:new', 'accounts:<id>', 'contacts:new:<accountId>', 'contacts:<id>'.
 */
export function draftKey(collection: 'accounts' | 'contacts', id: string | null, parentId?: string): string {
  if (id !== null) return `${collection}:${id}`;
  return parentId === undefined ? `${collection}:new` : `${collection}:new:${parentId}`;
}

/**
 * Keeps only the form's own fields with the right kind of value, so a draft written by an older
 * version of a form (a renamed field, a changed type) cannot poison the current one.
 */
export function sanitizeDraft<V extends DraftValues>(stored: Readonly<Record<string, PrefValue>>, template: V): Partial<V> {
  const clean: Record<string, string | boolean> = {};
  for (const [field, value] of Object.entries(stored)) {
    if (!Object.hasOwn(template, field)) continue;
    if (typeof value === typeof template[field]) clean[field] = value as string | boolean;
  }
  return clean as Partial<V>;
}

/** True when restoring the draft would change something the form shows now. */
export function draftDiffers<V extends DraftValues>(draft: Partial<V>, current: V): boolean {
  return Object.entries(draft).some(([field, value]) => current[field] !== value);
}

export type DebouncedSaver<T> = {
  /** Replaces any pending value; writes it after `delayMs` of quiet. */
  schedule(value: T): void;
  /** Writes a pending value now (leaving the form, closing the window). */
  flush(): Promise<void>;
  /** Forgets a pending value (the form was saved or discarded). */
  cancel(): void;
  readonly pending: boolean;
};

/**
 * One write per pause in typing instead of one per keystroke. A failed write is reported, never
 * retried in a loop: the next keystroke schedules a fresh one anyway.
 */
export function createDebouncedSaver<T>(
  write: (value: T) => Promise<void>,
  delayMs: number,
  onError: (error: unknown) => void = () => undefined,
): DebouncedSaver<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let next: { value: T } | undefined;

  const run = async (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const pending = next;
    next = undefined;
    if (!pending) return;
    try {
      await write(pending.value);
    } catch (error) {
      onError(error);
    }
  };

  return {
    schedule(value) {
      next = { value };
      clearTimeout(timer);
      timer = setTimeout(() => void run(), delayMs);
    },
    flush: run,
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      next = undefined;
    },
    get pending() {
      return next !== undefined;
    },
  };
}
