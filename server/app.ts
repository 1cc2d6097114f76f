import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { registerAdminRoutes } from './auth/admin-routes';
import { registerAuthRoutes } from './auth/auth-routes';
import type { AppContext } from './context';
import { HttpError, type ErrorBody } from './errors';
import { registerMailRoutes } from './mail/mail-routes';
import { registerSyncRoutes } from './sync/sync-routes';
import { registerTextGuard } from './text-guard';

/** Fastify's own errors (body parsing, limits) mapped onto our `{ code, message }` bodies. */
const fromFastify = (err: FastifyError): HttpError | undefined => {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(413, 'payload_too_large', 'the request body is too large; push fewer rows at a time');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(415, 'unsupported_media_type', 'send JSON with content-type application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new HttpError(400, 'invalid_json', 'the request body is not valid JSON');
    default:
      if (err instanceof SyntaxError) return new HttpError(400, 'invalid_json', 'the request body is not valid JSON');
      if (err.statusCode === 429) return new HttpError(429, 'rate_limited', 'too many requests; slow down and retry shortly');
      if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new HttpError(err.statusCode, 'bad_request', err.message);
      return undefined;
  }
};

export const buildApp = async (ctx: AppContext): Promise<FastifyInstance> => {
  const logger: FastifyBaseLogger = ctx.log;
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: ctx.config.bodyLimitBytes,
    forceCloseConnections: true,
    // URLs the router refuses before any route runs, in our error shape like everything else.
    frameworkErrors: (err: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const known =
        err.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? new HttpError(414, 'bad_request', 'a path segment of the URL is too long')
          : new HttpError(400, 'bad_request', 'the URL is not valid: a path segment holds a broken %-escape');
      return reply.code(known.status).send(known.toBody());
    },
  });

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const known = err instanceof HttpError ? err : fromFastify(err);
    if (!known) {
      request.log.error({ err }, 'request failed');
      const body: ErrorBody = { code: 'internal', message: 'the server failed to handle this request; nothing was changed' };
      return reply.code(500).send(body);
    }
    return reply.code(known.status).send(known.toBody());
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = { code: 'not_found', message: `no endpoint ${request.method} ${request.url.split('?')[0]}` };
    return reply.code(404).send(body);
  });

  await app.register(rateLimit, {
    global: true,
    max: ctx.config.rateLimitPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_req, context) => {
      const err = new HttpError(429, 'rate_limited', `too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`);
      return Object.assign(err, { statusCode: 429 });
    },
  });

  registerTextGuard(app);
  app.get('/health', async () => ({ ok: true }));
  registerAuthRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerSyncRoutes(app, ctx);
  registerMailRoutes(app, ctx);
  return app;
};
