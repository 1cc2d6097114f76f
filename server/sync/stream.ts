import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal';
import { RESYNC, type StreamData } from '../../shared/contract/sync/wire/stream';
import type { AppContext } from '../context';
import { HttpError, type ErrorBody } from '../errors';
import type { Checkpoint } from './checkpoint';
import type { SyncCollection } from './collections';
import { feedHead, pullChanges, pullResponseJson } from './pull';

const BATCH = 200;
const HEARTBEAT_MS = 15_000;
// Changes held back by an older running transaction (possibly in another collection or database)
// get no second NOTIFY, so the stream polls until they are released.
const PENDING_RETRY_MS = [25, 50, 100, 200, 400, 800, 1000];

/**
 * Server-Sent Events: `data: "RESYNC"` first (and whenever notifications may have been missed), then
 * `data: { documents, checkpoint }` per batch of changes this user may read. The stream ends with an
 * `event: error` carrying `{ code, message }` when the access token expires, the feed breaks, or the
 * user is disabled or changes role or team; the client reconnects (with a fresh token, under the
 * user's scope as it is then) and gets RESYNC again.
 */
export const openStream = async (
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  col: SyncCollection,
  who: Principal,
  tokenExpiresAt: number,
): Promise<void> => {
  let cursor: Checkpoint | null = await feedHead(ctx.db, col);
  let closed = false;
  let draining = false;
  let dirty = false;
  let pendingTry = 0;
  let retryTimer: NodeJS.Timeout | undefined;

  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  /** `json` must be one line: JSON.stringify's output and PostgreSQL's jsonb text both are. */
  const sendJson = (json: string, event?: string): void => {
    if (!closed) res.write(`${event ? `event: ${event}\n` : ''}data: ${json}\n\n`);
  };
  const send = (data: StreamData): void => sendJson(JSON.stringify(data));

  const drain = async (): Promise<void> => {
    if (draining) {
      dirty = true;
      return;
    }
    draining = true;
    try {
      do {
        dirty = false;
        for (;;) {
          const r = await pullChanges(ctx.db, col, who, cursor, BATCH);
          if (closed) return;
          if (r.count > 0) sendJson(pullResponseJson(r, false));
          cursor = r.checkpoint;
          if (r.count < BATCH) {
            schedulePending(r.pending);
            break;
          }
        }
      } while (dirty && !closed);
    } catch (err) {
      const body: ErrorBody = err instanceof HttpError ? err.toBody() : { code: 'internal', message: 'the change feed failed; reconnect' };
      if (!(err instanceof HttpError)) request.log.error({ err }, 'stream drain failed');
      end(body);
    } finally {
      draining = false;
    }
  };

  const schedulePending = (pending: boolean): void => {
    if (!pending) {
      pendingTry = 0;
      return;
    }
    if (retryTimer) return;
    const delay = PENDING_RETRY_MS[Math.min(pendingTry++, PENDING_RETRY_MS.length - 1)];
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void drain();
    }, delay);
  };

  const unsubscribe = ctx.hub.subscribe(col.name, (event) => {
    if (event === 'reconnect') send(RESYNC);
    void drain();
  });
  const heartbeat = setInterval(() => !closed && res.write(': ping\n\n'), HEARTBEAT_MS);
  const expiry = setTimeout(
    () => end({ code: 'token_expired', message: 'the access token expired; reconnect with a fresh one' }),
    Math.max(0, tokenExpiresAt - Date.now()),
  );
  const untrack = ctx.hub.trackStream(() => end({ code: 'server_shutdown', message: 'the server is restarting; reconnect' }));
  // The stream was scoped for `who` as they were when it opened; once that is no longer true it ends.
  const unwatch = ctx.users.watch({
    principal: who,
    onChange: (now) =>
      end(
        now
          ? { code: 'scope_changed', message: 'your role or team changed; reconnect to sync what you may see now' }
          : { code: 'unauthorized', message: 'this account was disabled or removed' },
      ),
  });

  function end(error?: ErrorBody): void {
    if (closed) return;
    if (error) sendJson(JSON.stringify(error), 'error');
    closed = true;
    cleanup();
    res.end();
  }
  function cleanup(): void {
    unsubscribe();
    untrack();
    unwatch();
    clearInterval(heartbeat);
    clearTimeout(expiry);
    if (retryTimer) clearTimeout(retryTimer);
  }
  res.on('close', () => {
    closed = true;
    cleanup();
  });

  // The client re-pulls from its own checkpoint on RESYNC; this stream continues from the head it
  // saw before sending it, so between the two nothing is missed.
  send(RESYNC);
  void drain();
};
