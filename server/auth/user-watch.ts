import type { Logger } from 'pino';
import type { Db } from '../db/db';
import type { Principal, Role } from './principal';

/** Admin changes to a user NOTIFY here (payload: the user id) on commit; every process LISTENs. */
export const USERS_CHANNEL = 'sync_user_changes';

/** What a long-lived request was authorised as, and what it hears when that stops being true. */
export type UserWatcher = {
  readonly principal: Principal;
  /** `now` is undefined when the user is gone or disabled. Called at most once. */
  readonly onChange: (now: Principal | undefined) => void;
};

export type UserWatch = {
  watch(watcher: UserWatcher): () => void;
  /** Re-reads every watched user now (tests; also what the timer and a LISTEN reconnect do). */
  recheckAll(): Promise<void>;
  close(): Promise<void>;
};

type UserRow = { id: string; email: string; role: Role; team_id: string | null; disabled: boolean };

const sameScope = (a: Principal, b: Principal | undefined): boolean => b !== undefined && a.role === b.role && a.teamId === b.teamId;

/**
 * Lets open streams notice that their user was disabled, deleted, or moved to another role or
 * team: at once through NOTIFY from any process sharing the database, and through a periodic
 * re-read (one query for all users watched by this process) for changes that came without one,
 * such as an edit made directly in SQL or a notification lost while LISTEN was reconnecting.
 */
export const startUserWatch = async (db: Db, recheckMs: number, log: Logger): Promise<UserWatch> => {
  const byUser = new Map<string, Set<UserWatcher>>();
  let closed = false;
  let running: Promise<void> = Promise.resolve();

  const check = async (ids: readonly string[]): Promise<void> => {
    if (ids.length === 0 || closed) return;
    const rows = await db.query<UserRow>('SELECT id, email, role, team_id, disabled FROM users WHERE id = ANY($1::text[])', [ids]);
    const found = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const row = found.get(id);
      const now: Principal | undefined =
        row && !row.disabled ? { userId: row.id, email: row.email, role: row.role, teamId: row.team_id } : undefined;
      for (const w of [...(byUser.get(id) ?? [])]) {
        if (sameScope(w.principal, now)) continue;
        byUser.get(id)?.delete(w);
        w.onChange(now);
      }
      if (byUser.get(id)?.size === 0) byUser.delete(id);
    }
  };
  // One re-read at a time, in order: a notification during a periodic check is read after it.
  const enqueue = (ids: () => readonly string[], why: string): Promise<void> => {
    running = running
      .then(() => check(ids()))
      .catch((err: unknown) => log.error({ err }, `re-reading users of open streams failed (${why})`));
    return running;
  };
  const all = (): string[] => [...byUser.keys()];

  const unlisten = await db.listen(
    USERS_CHANNEL,
    (userId) => void enqueue(() => (byUser.has(userId) ? [userId] : []), 'notification'),
    () => void enqueue(all, 'LISTEN reconnected'),
  );
  const timer = setInterval(() => void enqueue(all, 'periodic'), recheckMs);
  timer.unref();

  return {
    watch(watcher) {
      const set = byUser.get(watcher.principal.userId) ?? new Set<UserWatcher>();
      byUser.set(watcher.principal.userId, set);
      set.add(watcher);
      return () => {
        set.delete(watcher);
        if (set.size === 0 && byUser.get(watcher.principal.userId) === set) byUser.delete(watcher.principal.userId);
      };
    },
    recheckAll: () => enqueue(all, 'requested'),
    async close() {
      closed = true;
      clearInterval(timer);
      byUser.clear();
      await running;
      await unlisten();
    },
  };
};
