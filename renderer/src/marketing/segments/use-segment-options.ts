import { useMemo } from 'react';
import type { SegmentTarget } from '../../../../shared/marketing/segment-conditions';
import { useLiveQuery } from '../../data/use-live-query';

/** Saved segments of one target as filter choices (by name), live. */
export function useSegmentOptions(target: SegmentTarget): ReadonlyArray<{ readonly value: string; readonly label: string }> {
  const segments = useLiveQuery('segments.list', { target, sizes: false, limit: 500 }, `segment-options:${target}`);
  return useMemo(() => (segments.status === 'ready' ? segments.result.rows.map((s) => ({ value: s.id, label: s.name })) : []), [segments]);
}
