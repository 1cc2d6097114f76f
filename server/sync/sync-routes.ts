import type { FastifyInstance, FastifyRequest } from 'fastify';
import { pullQuerySchema, type CollectionsResponse } from '../../shared/contract/sync/wire/pull';
import type { PushResponse } from '../../shared/contract/sync/wire/push';
import { authenticate } from '../auth/authenticate';
import type { AppContext } from '../context';
import { badRequest, HttpError } from '../errors';
import { parseCheckpoint } from './checkpoint';
import type { SyncCollection } from './collections';
import { pullChanges, pullResponseJson } from './pull';
import { pushChanges } from './push';
import { validatePush } from './push-input';
import { openStream } from './stream';

type SyncParams = { collection: string; schemaVersion: string };
type SyncRequest = FastifyRequest<{ Params: SyncParams; Querystring: Record<string, unknown> }>;

const resolveCollection = (ctx: AppContext, params: SyncParams): SyncCollection => {
  const col = ctx.collections.get(params.collection);
  if (!col) throw new HttpError(404, 'unknown_collection', `there is no collection "${params.collection}" to sync`);
  if (!/^\d{1,6}$/.test(params.schemaVersion)) throw badRequest('bad_request', 'schema version must be a whole number');
  const v = Number(params.schemaVersion);
  if (v < col.schemaVersion) {
    throw new HttpError(
      426,
      'upgrade_required',
      `This version of the app is out of date and can no longer sync ${col.name} (app schema version ${v}, server ${col.schemaVersion}). Update the app; your local changes are kept and will sync after the update.`,
      { collection: col.name, clientVersion: v, serverVersion: col.schemaVersion },
    );
  }
  if (v > col.schemaVersion) {
    throw badRequest(
      'unsupported_schema_version',
      `the server does not know ${col.name} schema version ${v} yet (it has ${col.schemaVersion})`,
    );
  }
  return col;
};

export const registerSyncRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const prepare = async (request: SyncRequest) => {
    const auth = await authenticate(ctx, request);
    return { ...auth, col: resolveCollection(ctx, request.params) };
  };

  app.get('/sync/collections', async (request): Promise<CollectionsResponse> => {
    await authenticate(ctx, request);
    return { collections: [...ctx.collections.values()].map((c) => ({ name: c.name, schemaVersion: c.schemaVersion })) };
  });

  app.get('/sync/:collection/:schemaVersion/pull', async (request: SyncRequest, reply) => {
    const { principal, col } = await prepare(request);
    const checkpoint = parseCheckpoint(request.query.checkpoint);
    const limit = pullQuerySchema.shape.limit.safeParse(request.query.limit);
    if (!limit.success || (limit.data ?? 0) > ctx.config.maxPullLimit)
      throw badRequest('bad_request', `limit must be a whole number from 1 to ${ctx.config.maxPullLimit}`);
    const remaining = pullQuerySchema.shape.remaining.safeParse(request.query.remaining);
    if (!remaining.success) throw badRequest('bad_request', 'remaining must be 1 when given');
    const page = await pullChanges(ctx.db, col, principal, checkpoint, limit.data ?? 100, remaining.data === '1');
    // Already JSON (the documents come serialised from PostgreSQL): sent as is, not re-serialised.
    return reply.type('application/json; charset=utf-8').send(pullResponseJson(page, true));
  });

  app.post('/sync/:collection/:schemaVersion/push', async (request: SyncRequest): Promise<PushResponse> => {
    const { principal, col } = await prepare(request);
    const rows = validatePush(col, request.body, ctx.config.maxPushRows);
    const pause = ctx.config.faultPushPauseMs;
    const afterFirstWrite =
      pause > 0
        ? () => {
            request.log.warn('fault injection: push paused inside its transaction');
            return new Promise<void>((r) => setTimeout(r, pause));
          }
        : undefined;
    const { conflicts, errors, accepted } = await pushChanges(ctx.db, col, principal, rows, { afterFirstWrite });
    return { conflicts, errors, accepted };
  });

  app.get('/sync/:collection/:schemaVersion/stream', async (request: SyncRequest, reply) => {
    const { principal, col, expiresAt } = await prepare(request);
    await openStream(ctx, request, reply, col, principal, expiresAt);
  });
};
