import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context';
import { HttpError } from '../errors';
import type { Principal } from './principal';
import { verifyAccessToken } from './tokens';
import { findUserById } from './users';

/** `sessionId`: the refresh-token family the access token belongs to, when the token names one. */
export type Authenticated = { principal: Principal; expiresAt: number; sessionId: string | undefined };

/** Bearer access token → the user as the database knows them now (disabled or deleted users fail). */
export const authenticate = async (ctx: AppContext, request: FastifyRequest): Promise<Authenticated> => {
  const header = request.headers.authorization;
  const match = header ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header) : null;
  if (!match?.[1]) throw new HttpError(401, 'unauthorized', 'sign in first: an "Authorization: Bearer <token>" header is required');
  const claims = await verifyAccessToken(ctx.jwtKey, match[1]);
  const user = await findUserById(ctx.db, claims.userId);
  if (!user || user.disabled) throw new HttpError(401, 'unauthorized', 'this account does not exist or is disabled');
  const { passwordHash: _h, disabled: _d, ...principal } = user;
  return { principal, expiresAt: claims.expiresAt, sessionId: claims.sessionId };
};

export const requireAdmin = async (ctx: AppContext, request: FastifyRequest): Promise<Principal> => {
  const { principal } = await authenticate(ctx, request);
  if (principal.role !== 'admin') throw new HttpError(403, 'forbidden', 'only an admin may do this');
  return principal;
};
