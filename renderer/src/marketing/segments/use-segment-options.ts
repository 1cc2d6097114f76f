import { useMemo } from 'react';
import type { SegmentTarget } from '../../../../shared/marketing/segment-conditions';
import { useLiveQuery } from '../../data/use-live-query';

/** Saved segments of one target as filter choices (by name), live. */
export function useSegmentOptions(target: SegmentTarget): ReadonlyArray<{ readonly value: string; readonly label: string }> {
  const segments = useLiveQuery('segments.list', { target, sizes: false, limit: 500 }, `segment-options:${target}`);
  return useMemo(() => (segments.status === 'ready' ? segments.result.rows.map((s) => ({ value: s.id, label: s.name })) : []), [segments]);
}

type Filter = Readonly<Record<string, ReadonlyArray<string>>>;

/** A list shows one saved segment at a time: choosing another replaces the one chosen before. */
export function oneSegment<F extends Filter>(before: F, next: F): F {
  const chosen = next['segmentId'];
  if (!chosen || chosen.length < 2) return next;
  const added = chosen.filter((id) => !(before['segmentId'] ?? []).includes(id));
  return { ...next, segmentId: added.length > 0 ? added.slice(-1) : chosen.slice(-1) };
}
