import type { Principal } from '../auth/principal';
import type { SyncCollection } from './collections';

/** Columns a scope decision needs, as stored per document. */
export type DocScope = { ownerId: string; teamId: string; visibility: string | null };

/**
 * SQL condition for the documents `who` may read, with its parameters numbered from `firstParam`.
 * It must agree with canRead below; tests check both against the same cases.
 */
export const readScopeSql = (who: Principal, col: SyncCollection, firstParam: number): { sql: string; params: string[] } => {
  const u = `$${firstParam}`;
  const t = `$${firstParam + 1}`;
  const params = [who.userId, who.teamId ?? ''];
  if (who.role === 'admin' || col.read === 'company') return { sql: 'TRUE', params: [] };
  if (col.read === 'team' || who.role === 'manager') return { sql: `(team_id = ${t} OR owner_id = ${u})`, params };
  return { sql: `(owner_id = ${u} OR (team_id = ${t} AND visibility = 'team'))`, params };
};

export const canRead = (who: Principal, col: SyncCollection, doc: DocScope): boolean => {
  if (who.role === 'admin' || col.read === 'company') return true;
  if (doc.ownerId === who.userId) return true;
  const sameTeam = who.teamId !== null && doc.teamId === who.teamId;
  if (col.read === 'team' || who.role === 'manager') return sameTeam;
  return sameTeam && doc.visibility === 'team';
};

/**
 * May `who` turn `current` (undefined for a new document) into `next`? Both sides are checked so a
 * rep can neither edit someone else's record nor give their own away to another owner or team.
 */
export const canWrite = (who: Principal, col: SyncCollection, current: DocScope | undefined, next: DocScope): boolean => {
  if (who.role === 'admin') return true;
  if (col.write === 'admin') return false;
  // Company reference data (the catalog): any manager, whichever team filed the record.
  if (col.write === 'manager') return who.role === 'manager';
  const inTeam = (d: DocScope): boolean => who.teamId !== null && d.teamId === who.teamId;
  if (who.role === 'manager' || col.write === 'team') return (current === undefined || inTeam(current)) && inTeam(next);
  if (col.write === 'team-manager') return false;
  const own = (d: DocScope): boolean => d.ownerId === who.userId && inTeam(d);
  return (current === undefined || current.ownerId === who.userId) && own(next);
};

export const scopeOf = (doc: Record<string, unknown>): DocScope => ({
  ownerId: typeof doc.ownerId === 'string' ? doc.ownerId : '',
  teamId: typeof doc.teamId === 'string' ? doc.teamId : '',
  visibility: typeof doc.visibility === 'string' ? doc.visibility : null,
});

/** A user who may own records, as the users table has them: existing and enabled. `teamId` null: no team (admins). */
export type Owner = { userId: string; teamId: string | null };

/** Company reference data (read by all, written by managers or admins): ownership grants nobody anything there. */
export const ownershipMatters = (col: SyncCollection): boolean =>
  !(col.read === 'company' && (col.write === 'admin' || col.write === 'manager'));

/**
 * May `doc` belong to `owner` (undefined: no such enabled user)? Only to an enabled user of the
 * record's team, since the owner reads and (as a rep) writes it whatever the team: anything else
 * would hand the record to someone outside the team it is filed in. A user without a team files
 * their records under their own id, as the app does for admins.
 */
export const ownerFits = (col: SyncCollection, doc: DocScope, owner: Owner | undefined): boolean => {
  if (!ownershipMatters(col)) return true;
  if (!owner || owner.userId !== doc.ownerId) return false;
  return doc.teamId === (owner.teamId ?? owner.userId);
};
