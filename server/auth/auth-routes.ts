import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  loginRequestSchema,
  logoutRequestSchema,
  refreshRequestSchema,
  type AuthUser,
  type TokenResponse,
} from '../../shared/contract/sync/wire/auth';
import type { AppContext } from '../context';
import { HttpError } from '../errors';
import { parseBody } from '../parse';
import { authenticate } from './authenticate';
import { verifyPassword } from './passwords';
import type { Principal } from './principal';
import { endSession, issueRefreshToken, rotateRefreshToken } from './refresh-tokens';
import { signAccessToken } from './tokens';
import { findUserByEmail, findUserById } from './users';

export const registerAuthRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const tokens = async (user: Principal, refreshToken: string, sessionId: string): Promise<TokenResponse> => ({
    accessToken: await signAccessToken(ctx.jwtKey, user.userId, ctx.config.accessTokenTtlSec, sessionId),
    refreshToken,
    expiresIn: ctx.config.accessTokenTtlSec,
    user,
  });

  app.post(
    '/auth/login',
    // Guessing passwords is the one attack the global limit is too generous for.
    { config: { rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: 60_000 } } },
    async (request) => {
      const body = parseBody(loginRequestSchema, request.body);
      const user = await findUserByEmail(ctx.db, body.email);
      const ok = await verifyPassword(body.password, user?.passwordHash ?? ctx.dummyHash);
      if (!user || !ok || user.disabled) throw new HttpError(401, 'invalid_credentials', 'wrong e-mail or password');
      const { passwordHash: _h, disabled: _d, ...principal } = user;
      const sessionId = randomUUID();
      return tokens(principal, await issueRefreshToken(ctx.db, user.userId, ctx.config.refreshTokenTtlSec, sessionId), sessionId);
    },
  );

  app.post('/auth/refresh', async (request) => {
    const body = parseBody(refreshRequestSchema, request.body);
    const { userId, refreshToken, sessionId } = await rotateRefreshToken(ctx.db, body.refreshToken, ctx.config.refreshTokenTtlSec);
    const user = await findUserById(ctx.db, userId);
    if (!user || user.disabled) throw new HttpError(401, 'unauthorized', 'this account does not exist or is disabled');
    const { passwordHash: _h, disabled: _d, ...principal } = user;
    return tokens(principal, refreshToken, sessionId);
  });

  app.post('/auth/logout', async (request, reply) => {
    const { principal, sessionId } = await authenticate(ctx, request);
    const body = parseBody(logoutRequestSchema, request.body);
    await endSession(ctx.db, { userId: principal.userId, sessionId, refreshToken: body?.refreshToken });
    return reply.code(204).send();
  });

  app.get('/auth/me', async (request): Promise<AuthUser> => (await authenticate(ctx, request)).principal);
};
