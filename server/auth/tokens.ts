import { createHash, randomBytes, type webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { HttpError } from '../errors';

/** The HS256 key as WebCrypto holds it (see signing-key.ts); raw bytes work too, for tests. */
export type SigningKey = webcrypto.CryptoKey;

const ISSUER = 'fieldcrm-sync';
const AUDIENCE = 'fieldcrm-app';

/** `sessionId` is the refresh-token family the access token was issued for (absent in tokens from older servers). */
export type AccessClaims = { userId: string; sessionId: string | undefined; expiresAt: number };

export const signAccessToken = (key: SigningKey | Uint8Array, userId: string, ttlSec: number, sessionId?: string): Promise<string> =>
  new SignJWT(sessionId ? { typ: 'access', sid: sessionId } : { typ: 'access' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSec}s`)
    .sign(key);

export const verifyAccessToken = async (key: SigningKey | Uint8Array, token: string): Promise<AccessClaims> => {
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
    if (payload.typ !== 'access' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') {
      throw new HttpError(401, 'unauthorized', 'the access token is not valid');
    }
    if (payload.sid !== undefined && typeof payload.sid !== 'string')
      throw new HttpError(401, 'unauthorized', 'the access token is not valid');
    return { userId: payload.sub, sessionId: payload.sid, expiresAt: payload.exp * 1000 };
  } catch (err) {
    if (err instanceof HttpError) throw err;
    if (err instanceof errors.JWTExpired) throw new HttpError(401, 'token_expired', 'the access token has expired; refresh it');
    throw new HttpError(401, 'unauthorized', 'the access token is not valid');
  }
};

export const newOpaqueToken = (): string => randomBytes(32).toString('base64url');
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('base64url');
