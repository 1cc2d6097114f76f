import { useEffect, useState } from 'react';
import type { CrmError } from '../../../../shared/contract';
import type { SegmentPreview } from '../../../../shared/contract/marketing/segments-requests';
import type { SegmentDefinition } from '../../../../shared/marketing/segment-conditions';
import { useCrmClient } from '../../transport/client-context';

/** Quiet time after the last change before the builder asks for a count (typing a number, ticking boxes). */
export const COUNT_DEBOUNCE_MS = 150;
const PREVIEW_DEBOUNCE_MS = 300;
const PREVIEW_ROWS = 10;

export type CountState = {
  /** The last answer (kept while the next one is counted, so the figure does not flicker). */
  readonly figures: { readonly count: number; readonly total: number } | null;
  readonly counting: boolean;
  readonly error: CrmError | null;
};

/**
 * The builder's live count: asked again ~150 ms after the conditions last changed; an answer for
 * conditions that have changed since is dropped, so the figure always belongs to what is on screen.
 */
export function useSegmentCount(definition: SegmentDefinition): CountState {
  const client = useCrmClient();
  const key = JSON.stringify(definition);
  // `key` of the conditions the last answer is for: while it differs from the conditions on screen, counting.
  const [answered, setAnswered] = useState<{ key: string | null; figures: CountState['figures']; error: CrmError | null }>({
    key: null,
    figures: null,
    error: null,
  });
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void client.send('segments.count', { definition: JSON.parse(key) as SegmentDefinition }).then((answer) => {
        if (!current) return;
        setAnswered((s) =>
          answer.ok
            ? { key, figures: { count: answer.value.count, total: answer.value.total }, error: null }
            : { key, figures: s.figures, error: answer.error },
        );
      });
    }, COUNT_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, key]);
  return { figures: answered.figures, counting: answered.key !== key, error: answered.key === key ? answered.error : null };
}

export type PreviewState = { readonly preview: SegmentPreview | null; readonly error: CrmError | null; readonly loading: boolean };

/** The first matching records with their names, asked a little after the count. */
export function useSegmentPreview(definition: SegmentDefinition): PreviewState {
  const client = useCrmClient();
  const key = JSON.stringify(definition);
  const [answered, setAnswered] = useState<{ key: string | null; preview: SegmentPreview | null; error: CrmError | null }>({
    key: null,
    preview: null,
    error: null,
  });
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void client.send('segments.preview', { definition: JSON.parse(key) as SegmentDefinition, limit: PREVIEW_ROWS }).then((answer) => {
        if (!current) return;
        setAnswered((s) => (answer.ok ? { key, preview: answer.value, error: null } : { key, preview: s.preview, error: answer.error }));
      });
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, key]);
  return { preview: answered.preview, error: answered.key === key ? answered.error : null, loading: answered.key !== key };
}
