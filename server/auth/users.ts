import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/db';
import { HttpError } from '../errors';
import { hashPassword } from './passwords';
import type { Principal, Role } from './principal';
import { USERS_CHANNEL } from './user-watch';

export type Team = { id: string; name: string };
export type UserRecord = Principal & { passwordHash: string; disabled: boolean };
type UserRow = { id: string; email: string; role: Role; team_id: string | null; password_hash: string; disabled: boolean };

const toUser = (r: UserRow): UserRecord => ({
  userId: r.id,
  email: r.email,
  role: r.role,
  teamId: r.team_id,
  passwordHash: r.password_hash,
  disabled: r.disabled,
});

export const MIN_PASSWORD_LENGTH = 10;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export const createTeam = async (db: Queryable, name: string): Promise<Team> => {
  const rows = await db.query<Team>('INSERT INTO teams (id, name) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING id, name', [
    randomUUID(),
    name,
  ]);
  const team = rows[0];
  if (!team) throw new HttpError(409, 'conflict', `a team named "${name}" already exists`);
  return team;
};

export const listTeams = (db: Queryable): Promise<Team[]> => db.query<Team>('SELECT id, name FROM teams ORDER BY name');

export type NewUser = { email: string; password: string; role: Role; teamId: string | null };

export const createUser = async (db: Queryable, input: NewUser, scryptCost: number): Promise<Principal> => {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new HttpError(400, 'bad_request', `a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  // Reps and managers are scoped by team; without one they would see nothing, so it is required.
  if (input.role !== 'admin' && !input.teamId) {
    throw new HttpError(400, 'bad_request', `a ${input.role} must belong to a team`);
  }
  if (input.teamId) {
    const team = await db.query('SELECT 1 FROM teams WHERE id = $1', [input.teamId]);
    if (team.length === 0) throw new HttpError(400, 'bad_request', `team ${input.teamId} does not exist`);
  }
  const email = normalizeEmail(input.email);
  const hash = await hashPassword(input.password, scryptCost);
  const rows = await db.query<UserRow>(
    `INSERT INTO users (id, email, password_hash, role, team_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (email) DO NOTHING RETURNING id, email, role, team_id, password_hash, disabled`,
    [randomUUID(), email, hash, input.role, input.teamId],
  );
  const row = rows[0];
  if (!row) throw new HttpError(409, 'conflict', `a user with e-mail ${email} already exists`);
  const { passwordHash: _h, disabled: _d, ...principal } = toUser(row);
  return principal;
};

const SELECT_USER = 'SELECT id, email, role, team_id, password_hash, disabled FROM users';

export const findUserByEmail = async (db: Queryable, email: string): Promise<UserRecord | undefined> => {
  const rows = await db.query<UserRow>(`${SELECT_USER} WHERE email = $1`, [normalizeEmail(email)]);
  return rows[0] && toUser(rows[0]);
};

export const findUserById = async (db: Queryable, id: string): Promise<UserRecord | undefined> => {
  const rows = await db.query<UserRow>(`${SELECT_USER} WHERE id = $1`, [id]);
  return rows[0] && toUser(rows[0]);
};

export const listUsers = async (db: Queryable): Promise<Principal[]> =>
  (await db.query<UserRow>(`${SELECT_USER} ORDER BY email`)).map((r) => ({
    userId: r.id,
    email: r.email,
    role: r.role,
    teamId: r.team_id,
  }));

export type UserPatch = { role?: Role; teamId?: string | null; disabled?: boolean };
export type UserSummary = Principal & { disabled: boolean };

/**
 * Changes a user's role, team or status in one transaction that NOTIFYs every server process at
 * commit, so open streams of that user are re-scoped or closed at once (see user-watch.ts).
 */
export const updateUser = (db: Db, id: string, patch: UserPatch): Promise<UserSummary> =>
  db.transaction(async (tx) => {
    const [current] = await tx.query<UserRow>(`${SELECT_USER} WHERE id = $1 FOR UPDATE`, [id]);
    if (!current) throw new HttpError(404, 'not_found', `there is no user ${id}`);
    const role = patch.role ?? current.role;
    const teamId = patch.teamId === undefined ? current.team_id : patch.teamId;
    if (role !== 'admin' && !teamId) throw new HttpError(400, 'bad_request', `a ${role} must belong to a team`);
    if (teamId && teamId !== current.team_id && (await tx.query('SELECT 1 FROM teams WHERE id = $1', [teamId])).length === 0) {
      throw new HttpError(400, 'bad_request', `team ${teamId} does not exist`);
    }
    const [row] = await tx.query<UserRow>(
      `UPDATE users SET role = $2, team_id = $3, disabled = $4 WHERE id = $1
       RETURNING id, email, role, team_id, password_hash, disabled`,
      [id, role, teamId, patch.disabled ?? current.disabled],
    );
    if (!row) throw new Error(`user ${id} vanished while locked`);
    await tx.query('SELECT pg_notify($1, $2)', [USERS_CHANNEL, id]);
    return { userId: row.id, email: row.email, role: row.role, teamId: row.team_id, disabled: row.disabled };
  });
