import { createHash, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { Queryable } from '../db/db';
import { HttpError } from '../errors';

const ISSUER = 'fieldcrm-sync';
const AUDIENCE = 'fieldcrm-app';

export type AccessClaims = { userId: string; expiresAt: number };

/**
 * The HS256 key: from the environment when set (several processes must share it), else generated
 * once and kept in the database, where the first process to start wins and the others read it.
 */
export const loadJwtKey = async (db: Queryable, fromEnv: string | undefined): Promise<Uint8Array> => {
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('SYNC_JWT_SECRET must be at least 32 characters');
    return new TextEncoder().encode(fromEnv);
  }
  await db.query("INSERT INTO server_secrets (name, value) VALUES ('jwt', $1) ON CONFLICT (name) DO NOTHING", [
    randomBytes(48).toString('base64url'),
  ]);
  const rows = await db.query<{ value: string }>("SELECT value FROM server_secrets WHERE name = 'jwt'");
  const value = rows[0]?.value;
  if (!value) throw new Error('jwt secret missing after insert');
  return new TextEncoder().encode(value);
};

export const signAccessToken = (key: Uint8Array, userId: string, ttlSec: number): Promise<string> =>
  new SignJWT({ typ: 'access' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSec}s`)
    .sign(key);

export const verifyAccessToken = async (key: Uint8Array, token: string): Promise<AccessClaims> => {
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
    if (payload.typ !== 'access' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') {
      throw new HttpError(401, 'unauthorized', 'the access token is not valid');
    }
    return { userId: payload.sub, expiresAt: payload.exp * 1000 };
  } catch (err) {
    if (err instanceof HttpError) throw err;
    if (err instanceof errors.JWTExpired) throw new HttpError(401, 'token_expired', 'the access token has expired; refresh it');
    throw new HttpError(401, 'unauthorized', 'the access token is not valid');
  }
};

export const newOpaqueToken = (): string => randomBytes(32).toString('base64url');
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('base64url');
