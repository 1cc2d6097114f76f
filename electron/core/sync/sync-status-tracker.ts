import type { SyncError, SyncProgress, SyncStatus, UploadProgress } from '../../../shared/contract/sync/sync-types';

/** Uploads smaller than this finish before a bar could say anything: the count alone is shown. */
export const UPLOAD_PROGRESS_MIN = 500;
/** No time left is shown before this much of the work took this long: an early pace says little. */
const PACE_MIN_MS = 2_000;
const PACE_MIN_SHARE = 0.02;

type Inputs = {
  signedIn: boolean;
  /** Needs the user (update the app, sign in again); cleared by sign-in or restart. */
  fatal?: SyncError;
  /** Being retried (5xx, 429); cleared by the next successful request. */
  transient?: SyncError;
  online: boolean;
  active: Map<string, boolean>;
  /** Collections whose first pull since start has not finished: "up to date" would be a lie. */
  starting: Set<string>;
  progress: Map<string, CollectionProgress>;
  pendingChanges: number;
  rejectedChanges: number;
  lastSyncedAt?: number;
  /** When the first sync's first collection reported (for its time left). */
  initialSince?: number;
  /** `first`: what the first confirmation carried, sent before `since` (left out of the pace). */
  upload?: { sent: number; total: number; since: number; first: number };
};

export type StatusTracker = ReturnType<typeof createStatusTracker>;

/**
 * Distinct records one collection pulled since its pull from the start, and the server's count then.
 * A first sync resumed after the app was closed counts on from what the laptop already `held`:
 * `pulled` is what came since, `total` what was held plus what was left.
 */
export type CollectionProgress = { readonly pulled: number; readonly done: boolean; readonly total?: number; readonly held?: number };

/**
 * The sum over the collections of one first sync. Invariant: pulled ≤ total at every step and
 * pulled = total once every collection is done. A collection's total is at least what it pulled
 * (records created on the server during the sync are in the feed but not in the first page's
 * count) and, once it is caught up, exactly that: everything in scope has arrived, and a record
 * that left the scope or was purged meanwhile will not. `held` (present when not 0) is what
 * resumed collections held before this run: counted as pulled, left out of the pace.
 */
export function initialProgress(
  entries: ReadonlyArray<CollectionProgress>,
): (Omit<SyncProgress, 'remainingMs'> & { readonly held?: number }) | undefined {
  if (entries.length === 0) return undefined;
  let pulled = 0;
  let held = 0;
  let total: number | undefined = 0;
  for (const entry of entries) {
    const before = entry.held ?? 0;
    const has = before + entry.pulled;
    held += before;
    pulled += has;
    if (entry.done) total = total === undefined ? undefined : total + has;
    else total = total === undefined || entry.total === undefined ? undefined : total + Math.max(entry.total, has);
  }
  const heldPart = held > 0 ? { held } : {};
  return total === undefined ? { pulled, ...heldPart } : { pulled, total, ...heldPart };
}

/**
 * Time left for `total - done` at the average pace since `since`, in whole seconds; undefined when
 * nothing is left, or while too little is done, or for too short a time, to tell a pace.
 */
export function remainingTime(done: number, total: number | undefined, since: number, now: number): number | undefined {
  const elapsed = now - since;
  if (total === undefined || total <= 0 || done <= 0 || elapsed < PACE_MIN_MS || done / total < PACE_MIN_SHARE) return undefined;
  const left = total - done;
  if (left <= 0) return undefined;
  return Math.ceil((left * elapsed) / done / 1000) * 1000;
}

/**
 * Folds the many signals (per-collection activity, connectivity, errors, counts) into the one
 * status the status bar shows, and emits only when it actually changed.
 */
export function createStatusTracker(emit: (status: SyncStatus) => void, now: () => number) {
  const inputs: Inputs = {
    signedIn: false,
    online: true,
    active: new Map(),
    starting: new Set(),
    progress: new Map(),
    pendingChanges: 0,
    rejectedChanges: 0,
  };
  let last = '';
  let current = compute();

  function compute(): SyncStatus {
    const busy = inputs.starting.size > 0 || [...inputs.active.values()].some(Boolean);
    const summed = initialProgress([...inputs.progress.values()]);
    const at = now();
    const held = summed?.held ?? 0;
    const pulled = summed && (summed.total === undefined ? { pulled: summed.pulled } : { pulled: summed.pulled, total: summed.total });
    const initialLeft =
      pulled && inputs.initialSince !== undefined
        ? remainingTime(pulled.pulled - held, pulled.total === undefined ? undefined : pulled.total - held, inputs.initialSince, at)
        : undefined;
    const initial: SyncProgress | undefined = pulled && (initialLeft === undefined ? pulled : { ...pulled, remainingMs: initialLeft });
    const up = inputs.upload;
    let upload: UploadProgress | undefined;
    if (up && up.total >= UPLOAD_PROGRESS_MIN) {
      const left = remainingTime(up.sent - up.first, up.total - up.first, up.since, at);
      upload = { sent: up.sent, total: up.total, ...(left === undefined ? {} : { remainingMs: left }) };
    }
    const state: SyncStatus['state'] = !inputs.signedIn
      ? inputs.fatal?.code === 'session_expired'
        ? 'error'
        : 'signed_out'
      : inputs.fatal
        ? 'error'
        : !inputs.online
          ? 'offline'
          : busy || initial
            ? 'syncing'
            : inputs.transient
              ? 'error'
              : 'up_to_date';
    const error = inputs.fatal ?? inputs.transient;
    return {
      state,
      ...(error ? { error } : {}),
      ...(initial ? { initial } : {}),
      ...(upload ? { upload } : {}),
      pendingChanges: inputs.pendingChanges,
      rejectedChanges: inputs.rejectedChanges,
      ...(inputs.lastSyncedAt ? { lastSyncedAt: inputs.lastSyncedAt } : {}),
    };
  }

  function update(change: (inputs: Inputs) => void): void {
    change(inputs);
    if (inputs.progress.size > 0 && inputs.initialSince === undefined) inputs.initialSince = now();
    if (inputs.progress.size === 0) inputs.initialSince = undefined;
    // An upload ends when nothing is waiting any more (not at a cut or offline: it resumes).
    if (inputs.upload && inputs.pendingChanges === 0 && ![...inputs.active.values()].some(Boolean)) inputs.upload = undefined;
    // A first sync ends when every collection that reported is caught up and none is still in its
    // first pull: a collection whose first page is slow to come must not start a second "first sync".
    if (inputs.progress.size > 0 && inputs.starting.size === 0 && [...inputs.progress.values()].every((p) => p.done)) {
      const full = compute();
      current = full;
      const fullKey = JSON.stringify(full);
      if (fullKey !== last) {
        last = fullKey;
        emit(full);
      }
      inputs.progress.clear();
    }
    let next = compute();
    if (next.state === 'up_to_date' && current.state !== 'up_to_date') {
      inputs.lastSyncedAt = now();
      next = compute();
    }
    current = next;
    const key = JSON.stringify(next);
    if (key === last) return;
    last = key;
    emit(next);
  }

  return {
    current: (): SyncStatus => current,
    update,
    /**
     * One collection's first-sync progress. The collections that report while any of them is still
     * pulling, or while any collection is still in its first pull since start, form one first sync;
     * when the last finishes, its full bar (done = total) is shown once and the first sync ends, so
     * a later resync of one collection starts from zero.
     */
    progress(collection: string, entry: CollectionProgress): void {
      update((i) => i.progress.set(collection, entry));
    },
    /**
     * The server confirmed `count` pushed changes. The first confirmation after a quiet spell
     * begins an upload, whose total is what was waiting then (the last count of pending changes).
     */
    pushed(count: number): void {
      update((i) => {
        const upload = i.upload ?? { sent: 0, total: i.pendingChanges, since: now(), first: count };
        upload.sent += count;
        upload.total = Math.max(upload.total, upload.sent);
        i.upload = upload;
      });
    },
    reset(signedIn: boolean): void {
      update((i) => {
        i.signedIn = signedIn;
        i.fatal = undefined;
        i.transient = undefined;
        i.online = true;
        i.active.clear();
        i.starting.clear();
        i.progress.clear();
        i.upload = undefined;
      });
    },
  };
}
