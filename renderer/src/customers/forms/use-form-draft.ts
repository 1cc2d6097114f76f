import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import type { PrefsApi } from '../../prefs/prefs-api';
import { usePrefs } from '../../prefs/prefs-context';
import { createDebouncedSaver, draftDiffers, sanitizeDraft, type DraftValues } from './draft-logic';

/** Quiet time before a draft is written; short enough that a crash loses a word, not a paragraph. */
export const DRAFT_DEBOUNCE_MS = 600;

export type DraftOffer<V> = { readonly values: Partial<V>; readonly updatedAt: number };

export type FormDraft<V> = {
  /** A draft from an earlier session that differs from what the form shows; null when none. */
  readonly offer: DraftOffer<V> | null;
  restore(): void;
  discard(): Promise<void>;
  /** After a successful save or a cancel: no draft should outlive the form. */
  clear(): Promise<void>;
};

/**
 * Saves the form's values to the prefs drafts table (Dexie) while the user types, and offers an
 * earlier draft when the form opens. `baseline` is what the form shows without any draft (the
 * stored record, or the new-record defaults); a draft equal to it is deleted rather than kept.
 */
export function useFormDraft<V extends DraftValues & FieldValues, Out>(
  form: UseFormReturn<V, unknown, Out>,
  key: string,
  baseline: V | null,
): FormDraft<V> {
  const prefs = usePrefs();
  const [offer, setOffer] = useState<DraftOffer<V> | null>(null);
  const saver = useMemo(
    () => createDebouncedSaver<V>((values) => writeDraft(prefs, key, baseline, values), DRAFT_DEBOUNCE_MS),
    [prefs, key, baseline],
  );

  // Offer an earlier draft once the baseline is known (after the record loaded).
  const ready = baseline !== null;
  const askedFor = useRef<string | null>(null);
  useEffect(() => {
    // Once per form (key): a reload after a conflict changes the baseline but must not re-offer.
    if (!baseline || askedFor.current === key) return;
    askedFor.current = key;
    void prefs
      .draft(key)
      .then((stored) => {
        if (askedFor.current !== key || !stored) return;
        const values = sanitizeDraft(stored.values, baseline);
        if (draftDiffers(values, baseline)) setOffer({ values, updatedAt: stored.updatedAt });
        else void prefs.deleteDraft(key);
      })
      .catch(() => undefined); // IndexedDB unavailable: the form works, it just keeps no drafts.
  }, [prefs, key, baseline]);

  // Only user edits schedule a write: reset() by loading or restoring is not typing.
  useEffect(() => {
    const subscription = form.watch((values, { type }) => {
      if (type === 'change') saver.schedule({ ...values } as V);
    });
    return () => {
      subscription.unsubscribe();
      // Leaving the form mid-pause must not lose the last words typed.
      void saver.flush();
    };
  }, [form, saver]);

  const restore = useCallback(() => {
    if (!offer || !baseline) return;
    // keepDefaultValues: the record stays the baseline, so the restored fields count as dirty.
    form.reset({ ...baseline, ...offer.values }, { keepDefaultValues: true });
    setOffer(null);
  }, [form, offer, baseline]);

  const clear = useCallback(async () => {
    saver.cancel();
    setOffer(null);
    await prefs.deleteDraft(key).catch(() => undefined);
  }, [prefs, key, saver]);

  return { offer: ready ? offer : null, restore, discard: clear, clear };
}

/** A draft equal to the baseline is no draft: delete it so the form does not offer "changes" later. */
async function writeDraft<V extends DraftValues>(prefs: PrefsApi, key: string, baseline: V | null, values: V): Promise<void> {
  if (baseline && !draftDiffers(values, baseline)) await prefs.deleteDraft(key);
  else await prefs.saveDraft({ key, values, updatedAt: Date.now() });
}
