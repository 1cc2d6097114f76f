import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/contract/sync/sync-types';
import { createStatusTracker, initialProgress } from './sync-status-tracker';

describe('first-sync progress', () => {
  it('counts a finished collection in the total as well as in what is done', () => {
    // The accounts finished while the contacts are still pulling.
    expect(
      initialProgress([
        { pulled: 6050, done: true, total: 6000 },
        { pulled: 5000, done: false, total: 6000 },
      ]),
    ).toEqual({ pulled: 11050, total: 12050 });
  });

  it('never lets a collection show more done than its total', () => {
    expect(initialProgress([{ pulled: 120, done: false, total: 100 }])).toEqual({ pulled: 120, total: 120 });
  });

  it('has no total while a collection does not know its own', () => {
    expect(initialProgress([{ pulled: 10, done: false }])).toEqual({ pulled: 10 });
    expect(initialProgress([])).toBeUndefined();
  });

  it('shows the full bar once when the last collection finishes, then ends the first sync', () => {
    const emitted: SyncStatus[] = [];
    const tracker = createStatusTracker(
      (status) => emitted.push(status),
      () => 0,
    );
    tracker.reset(true);
    tracker.progress('accounts', { pulled: 5000, done: false, total: 6000 });
    tracker.progress('contacts', { pulled: 10, done: true, total: 10 });
    tracker.progress('accounts', { pulled: 5990, done: true, total: 6000 });
    expect(emitted.flatMap((s) => (s.initial ? [s.initial] : []))).toEqual([
      { pulled: 5000, total: 6000 },
      { pulled: 5010, total: 6010 },
      { pulled: 6000, total: 6000 },
    ]);
    expect(tracker.current().initial).toBeUndefined();
    // A later full resync of one collection starts a first sync of its own, from zero.
    tracker.progress('accounts', { pulled: 0, done: false, total: 50 });
    expect(tracker.current().initial).toEqual({ pulled: 0, total: 50 });
  });

  it('keeps one first sync while a collection has not reported its first page yet', () => {
    const emitted: SyncStatus[] = [];
    const tracker = createStatusTracker(
      (status) => emitted.push(status),
      () => 0,
    );
    tracker.reset(true);
    tracker.update((i) => ['accounts', 'contacts'].forEach((name) => i.starting.add(name)));
    tracker.progress('accounts', { pulled: 6050, done: true, total: 6000 });
    tracker.update((i) => i.starting.delete('accounts'));
    tracker.progress('contacts', { pulled: 5000, done: false, total: 6000 });
    tracker.progress('contacts', { pulled: 6000, done: true, total: 6000 });
    expect(tracker.current().initial).toEqual({ pulled: 12050, total: 12050 });
    tracker.update((i) => i.starting.delete('contacts'));
    expect(tracker.current().initial).toBeUndefined();
    expect(tracker.current().state).toBe('up_to_date');
    expect(emitted.flatMap((s) => (s.initial ? [s.initial] : [])).at(-1)).toEqual({ pulled: 12050, total: 12050 });
  });
});
