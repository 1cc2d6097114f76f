import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/contract/sync/sync-types';
import { createStatusTracker, initialProgress, remainingTime } from './sync-status-tracker';

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

  it('counts a resumed first sync on from what the laptop held, and times what is left by the pace of this run alone', () => {
    // 600,000 held when the app was closed, 400,000 left; 100,000 of them came in the first 10 s.
    expect(initialProgress([{ pulled: 100_000, done: false, total: 1_000_000, held: 600_000 }])).toEqual({
      pulled: 700_000,
      total: 1_000_000,
      held: 600_000,
    });
    let clock = 0;
    const tracker = createStatusTracker(
      () => undefined,
      () => clock,
    );
    tracker.reset(true);
    tracker.progress('accounts', { pulled: 0, done: false, total: 1_000_000, held: 600_000 });
    clock = 10_000;
    tracker.progress('accounts', { pulled: 100_000, done: false, total: 1_000_000, held: 600_000 });
    expect(tracker.current().initial).toEqual({ pulled: 700_000, total: 1_000_000, remainingMs: 30_000 });
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

describe('time left', () => {
  it('goes by the average pace so far, once there is a pace to go by', () => {
    // 25 of 100 in 10 s: 75 more take 30 s.
    expect(remainingTime(25, 100, 0, 10_000)).toBe(30_000);
    expect(remainingTime(100, 100, 0, 10_000)).toBeUndefined();
    // Too early, too little done, or no total: nothing is said.
    expect(remainingTime(25, 100, 0, 1_000)).toBeUndefined();
    expect(remainingTime(1, 1000, 0, 10_000)).toBeUndefined();
    expect(remainingTime(5, undefined, 0, 10_000)).toBeUndefined();
    expect(remainingTime(0, 100, 0, 10_000)).toBeUndefined();
  });
});

describe('upload progress', () => {
  const setup = () => {
    let clock = 0;
    const emitted: SyncStatus[] = [];
    const tracker = createStatusTracker(
      (status) => emitted.push(status),
      () => clock,
    );
    tracker.reset(true);
    return { tracker, emitted, tick: (ms: number) => (clock += ms) };
  };

  it('counts confirmed changes against what was waiting, with the time left, until nothing waits', () => {
    const { tracker, tick } = setup();
    tracker.update((i) => (i.pendingChanges = 10_000));
    tracker.update((i) => i.active.set('accounts', true));
    tick(1000);
    tracker.pushed(500);
    expect(tracker.current().upload).toEqual({ sent: 500, total: 10_000 });
    tick(4000);
    tracker.pushed(2000);
    // 2,000 in the 4 s since the first answer: 7,500 more take 15 s.
    expect(tracker.current().upload).toEqual({ sent: 2500, total: 10_000, remainingMs: 15_000 });
    // A cut: still the same upload when it comes back.
    tracker.update((i) => (i.online = false));
    expect(tracker.current()).toMatchObject({ state: 'offline', upload: { sent: 2500, total: 10_000 } });
    tracker.update((i) => (i.online = true));
    tracker.pushed(7500);
    expect(tracker.current().upload).toMatchObject({ sent: 10_000, total: 10_000 });
    tracker.update((i) => {
      i.pendingChanges = 0;
      i.active.set('accounts', false);
    });
    expect(tracker.current().upload).toBeUndefined();
    expect(tracker.current().state).toBe('up_to_date');
  });

  it('says nothing of small uploads, and raises the total when more is sent than was waiting', () => {
    const { tracker } = setup();
    tracker.update((i) => (i.pendingChanges = 3));
    tracker.pushed(3);
    expect(tracker.current().upload).toBeUndefined();
    tracker.pushed(600);
    expect(tracker.current().upload).toEqual({ sent: 603, total: 603 });
  });
});
