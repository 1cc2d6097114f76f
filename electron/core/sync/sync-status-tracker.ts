import type { SyncError, SyncProgress, SyncStatus } from '../../../shared/contract/sync/sync-types';

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
  progress: Map<string, { pulled: number; done: boolean; total?: number }>;
  pendingChanges: number;
  rejectedChanges: number;
  lastSyncedAt?: number;
};

export type StatusTracker = ReturnType<typeof createStatusTracker>;

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
    const progressing = [...inputs.progress.values()].filter((p) => !p.done);
    const initial: SyncProgress | undefined =
      progressing.length > 0
        ? { pulled: [...inputs.progress.values()].reduce((n, p) => n + p.pulled, 0), ...totalOf(progressing) }
        : undefined;
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
      pendingChanges: inputs.pendingChanges,
      rejectedChanges: inputs.rejectedChanges,
      ...(inputs.lastSyncedAt ? { lastSyncedAt: inputs.lastSyncedAt } : {}),
    };
  }

  function totalOf(progressing: ReadonlyArray<{ total?: number }>): { total?: number } {
    return progressing.every((p) => typeof p.total === 'number') ? { total: progressing.reduce((n, p) => n + (p.total ?? 0), 0) } : {};
  }

  function update(change: (inputs: Inputs) => void): void {
    change(inputs);
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
    reset(signedIn: boolean): void {
      update((i) => {
        i.signedIn = signedIn;
        i.fatal = undefined;
        i.transient = undefined;
        i.online = true;
        i.active.clear();
        i.starting.clear();
        i.progress.clear();
      });
    },
  };
}
