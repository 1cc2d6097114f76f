import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { SqliteWriteHook } from './sqlite-hooks';

/** Quiet time after the last write (or the open) before upkeep starts. */
export const IDLE_UPKEEP_MS = 1_000;
/** Steps run back to back for up to this long, then the event loop gets a turn. */
export const UPKEEP_SLICE_MS = 16;
/**
 * No upkeep this soon after the connection opened: the app is starting, and merging then competes
 * with the first rows for the CPU. Not much longer either: a database reopened right after a bulk
 * load must still have its segments merged before the user's saves would have to merge them
 * (bench:ui's first rows and bench:store's reopened saves are the figures to watch when tuning it).
 */
export const UPKEEP_AFTER_OPEN_MS = 3_000;

/**
 * Runs the hooks' idle steps (SqliteWriteHook.idleStep) while a connection is not being written:
 * work that would otherwise land inside some user's write. The first user is full-text search,
 * whose index merges its segments here (search-writer.ts, mergeStep).
 *
 * Steps run in slices of UPKEEP_SLICE_MS, each step in its own transaction, and the event loop
 * turns between slices, so IPC requests and writes get in between; every write postpones upkeep by
 * IDLE_UPKEEP_MS again. Best effort: a failing step (disk full, the write lock held by another
 * process: upkeep does not wait for it) rolls back and upkeep rests until the next write.
 */
export class IdleUpkeep {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private readonly stepping: readonly SqliteWriteHook[];
  private readonly notBefore: number;
  private lastTouch = Number.NEGATIVE_INFINITY;

  /** `afterOpenMs`: no upkeep before this long from now (UPKEEP_AFTER_OPEN_MS for a new connection). */
  constructor(
    private readonly db: BetterSqlite3.Database,
    hooks: readonly SqliteWriteHook[],
    afterOpenMs = 0,
    private readonly onError: (message: string, error: unknown) => void = () => undefined,
  ) {
    this.stepping = hooks.filter((hook) => hook.idleStep !== undefined);
    this.notBefore = performance.now() + afterOpenMs;
  }

  /**
   * A write committed (or the connection opened): upkeep waits for the next pause. Called after
   * every write, so it only notes the time; a pending timer finds out when it fires.
   */
  touch(): void {
    if (this.closed || this.stepping.length === 0) return;
    this.lastTouch = performance.now();
    if (this.timer === undefined) this.schedule(this.untilDue());
  }

  close(): void {
    this.closed = true;
    this.cancel();
  }

  private schedule(delay: number): void {
    this.cancel();
    this.timer = setTimeout(() => this.step(), delay);
    // Upkeep never keeps a process alive.
    this.timer.unref?.();
  }

  /** Milliseconds until writes have paused for IDLE_UPKEEP_MS and the open is far enough behind. */
  private untilDue(): number {
    return Math.max(this.lastTouch + IDLE_UPKEEP_MS, this.notBefore) - performance.now();
  }

  private cancel(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private step(): void {
    this.timer = undefined;
    if (this.closed || !this.db.open) return;
    const wait = this.untilDue();
    if (wait > 0) {
      this.schedule(wait);
      return;
    }
    if (this.db.inTransaction) {
      this.touch();
      return;
    }
    const deadline = performance.now() + UPKEEP_SLICE_MS;
    // Upkeep never waits for a lock someone else holds (busy_timeout would block the core's thread).
    const busyTimeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma('busy_timeout = 0');
    let more: boolean;
    try {
      do {
        more = false;
        for (const hook of this.stepping) {
          if (this.db.transaction(() => hook.idleStep?.(this.db) === true).immediate()) more = true;
        }
      } while (more && performance.now() < deadline);
    } catch (error) {
      // Another process holding the write lock is expected (upkeep does not wait); anything else is logged.
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') this.onError('idle upkeep failed; it retries after the next write', error);
      return;
    } finally {
      this.db.pragma(`busy_timeout = ${busyTimeout}`);
    }
    if (more) this.schedule(0);
  }
}
