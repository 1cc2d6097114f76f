import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/db';
import { HttpError } from '../errors';
import { newOpaqueToken, sha256 } from './tokens';

type TokenRow = { id: string; user_id: string; family_id: string; revoked: boolean; expired: boolean };

export const issueRefreshToken = async (
  db: Queryable,
  userId: string,
  ttlSec: number,
  familyId: string = randomUUID(),
): Promise<string> => {
  const token = newOpaqueToken();
  await db.query(
    `INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
    [randomUUID(), userId, familyId, sha256(token), ttlSec],
  );
  return token;
};

const revokeFamily = (db: Queryable, familyId: string): Promise<unknown> =>
  db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [familyId]);

const findToken = async (db: Queryable, token: string): Promise<TokenRow | undefined> => {
  const rows = await db.query<TokenRow>(
    `SELECT id, user_id, family_id, revoked_at IS NOT NULL AS revoked, expires_at <= now() AS expired
     FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
    [sha256(token)],
  );
  return rows[0];
};

/**
 * Rotation: a refresh token works once. Presenting one that was already rotated means it leaked
 * (or a client raced itself), so the whole family is revoked and the user signs in again.
 */
export const rotateRefreshToken = (
  db: Db,
  token: string,
  ttlSec: number,
): Promise<{ userId: string; refreshToken: string; sessionId: string }> =>
  db
    .transaction(async (tx) => {
      const row = await findToken(tx, token);
      if (!row) return { error: new HttpError(401, 'refresh_token_invalid', 'the refresh token is not valid') };
      if (row.revoked) {
        await revokeFamily(tx, row.family_id);
        return { error: new HttpError(401, 'refresh_token_reused', 'this refresh token was already used; sign in again') };
      }
      if (row.expired) return { error: new HttpError(401, 'refresh_token_invalid', 'the refresh token has expired; sign in again') };
      await tx.query('UPDATE refresh_tokens SET revoked_at = now() WHERE id = $1', [row.id]);
      const refreshToken = await issueRefreshToken(tx, row.user_id, ttlSec, row.family_id);
      return { userId: row.user_id, refreshToken, sessionId: row.family_id };
    })
    .then((r) => {
      // The family revocation above must commit, so the error is raised only after the transaction.
      if ('error' in r) throw r.error;
      return r;
    });

export type SessionRef = { userId: string; sessionId: string | undefined; refreshToken: string | undefined };

/**
 * Sign-out ends the caller's own session (its refresh-token family) and nothing else: the session
 * named by the access token, or, for a token without one, the session of a refresh token that
 * belongs to the caller. A refresh token of any other session is refused and nothing is revoked.
 */
export const endSession = (db: Db, ref: SessionRef): Promise<void> =>
  db
    .transaction(async (tx): Promise<HttpError | undefined> => {
      const row = ref.refreshToken === undefined ? undefined : await findToken(tx, ref.refreshToken);
      if (row && (row.user_id !== ref.userId || (ref.sessionId !== undefined && row.family_id !== ref.sessionId))) {
        return new HttpError(403, 'forbidden', 'this refresh token belongs to another session; nothing was signed out');
      }
      const family = ref.sessionId ?? row?.family_id;
      if (family) await revokeFamily(tx, family);
      return undefined;
    })
    .then((refused) => {
      if (refused) throw refused;
    });

export const revokeAllForUser = async (db: Queryable, userId: string): Promise<void> => {
  await db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
};
