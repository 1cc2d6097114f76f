import { Observable } from 'rxjs';
import type { RxReplicationPullStreamItem, WithDeleted } from 'rxdb';
import { describeIssues, errorBodySchema } from '../../../shared/contract/sync/wire/errors';
import type { Checkpoint } from '../../../shared/contract/sync/wire/pull';
import { RESYNC, streamDataSchema, streamErrorSchema, type StreamData } from '../../../shared/contract/sync/wire/stream';
import type { AuthSessionManager } from './auth-session';
import { backoffDelay, sleep } from './backoff';
import type { Connectivity } from './connectivity';
import { createSseParser, type SseMessage } from './sse-parser';
import type { SyncDoc } from './field-merge';

export type StreamItem = RxReplicationPullStreamItem<SyncDoc, Checkpoint>;

export type PullStreamOptions = {
  readonly path: string;
  readonly auth: AuthSessionManager;
  readonly connectivity: Connectivity;
  readonly onConnected: (connected: boolean) => void;
  /** A status the stream cannot get past by retrying (426, session gone). */
  readonly onFatal: (status: number, code: string, message: string) => void;
  /** The server pings every 15 s; silence for this long means a dead connection. */
  readonly idleTimeoutMs?: number;
  /** Unexpected trouble (a message off the protocol, a bug): logged, the stream carries on or ends. */
  readonly log: (message: string, error: unknown) => void;
};

/**
 * The server's SSE change feed as RxDB's `pull.stream$`: `RESYNC` on every (re)connect, then
 * document batches. fetch-based (the token goes in a header, EventSource cannot do that).
 * Reconnects forever with backoff + jitter until unsubscribed; every reconnect starts with the
 * server's RESYNC, so RxDB re-pulls from its checkpoint and nothing sent while away is missed.
 */
export function createPullStream(options: PullStreamOptions): Observable<StreamItem> {
  return new Observable<StreamItem>((subscriber) => {
    const controller = new AbortController();
    const signal = controller.signal;
    const wake = (listener: () => void) => options.connectivity.onWake(listener);

    async function connectOnce(): Promise<'retry-now' | 'backoff' | 'wait'> {
      const token = await options.auth.accessToken(signal);
      if (!token.ok) {
        if (token.failure.kind === 'network') options.connectivity.reportNetworkFailure();
        return token.failure.kind === 'http' && token.failure.status === 401 ? 'wait' : 'backoff';
      }
      const base = options.auth.current()?.serverUrl;
      if (!base) return 'wait';
      const local = new AbortController();
      const abortLocal = (): void => local.abort();
      signal.addEventListener('abort', abortLocal, { once: true });
      let idle: NodeJS.Timeout | undefined;
      const armIdle = (): void => {
        clearTimeout(idle);
        idle = setTimeout(() => local.abort(new Error('stream idle')), options.idleTimeoutMs ?? 45_000);
      };
      try {
        armIdle();
        const response = await fetch(`${base}${options.path}`, {
          headers: { authorization: `Bearer ${token.token}`, accept: 'text/event-stream' },
          signal: local.signal,
          // As in requestJson: the token only goes to the address the user signed in to.
          redirect: 'error',
        });
        if (response.status !== 200 || !response.body) {
          const parsed = errorBodySchema.safeParse(await response.json().catch(() => undefined));
          const body = parsed.success ? parsed.data : { code: `http_${response.status}`, message: `HTTP ${response.status}` };
          if (response.status === 401) return 'retry-now';
          if (response.status === 426 || response.status === 404 || response.status === 400) {
            options.onFatal(response.status, body.code, body.message);
            return 'wait';
          }
          return 'backoff';
        }
        options.connectivity.reportSuccess();
        options.onConnected(true);
        let outcome: 'retry-now' | 'backoff' = 'backoff';
        const parser = createSseParser((message) => {
          armIdle();
          const next = interpret(message);
          if (next === 'token_expired') outcome = 'retry-now';
          else if (next === 'end') outcome = 'backoff';
          else if (typeof next === 'object' && 'malformed' in next) {
            // Skipping it loses nothing: the next reconnect starts with RESYNC and re-pulls from the checkpoint.
            options.log(`sync stream ${options.path} sent a message off the sync protocol`, next.malformed);
          } else if (next) subscriber.next(next);
        });
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          armIdle();
          parser.push(value);
        }
        return outcome;
      } catch (error) {
        if (signal.aborted) throw error;
        // A refused connection or one cut mid-stream: let the probe decide whether we are offline.
        options.connectivity.reportNetworkFailure();
        return 'backoff';
      } finally {
        clearTimeout(idle);
        signal.removeEventListener('abort', abortLocal);
        options.onConnected(false);
      }
    }

    async function run(): Promise<void> {
      let attempt = 0;
      while (!signal.aborted) {
        const started = Date.now();
        const next = await connectOnce();
        // A connection that stayed up a while was healthy: start the backoff over.
        if (Date.now() - started > 30_000) attempt = 0;
        if (next === 'retry-now') continue;
        if (next === 'wait') await sleep(60 * 60_000, signal, wake);
        else await sleep(backoffDelay(attempt++, { baseMs: 250, capMs: 30_000, floorMs: 100 }), signal, wake);
      }
    }
    run().catch((error: unknown) => {
      // Our own stop rejects the sleeps and the fetch; anything else is a bug worth seeing.
      if (!signal.aborted) options.log(`sync stream ${options.path} stopped unexpectedly`, error);
    });
    return () => controller.abort(new Error('stream closed'));
  });
}

/**
 * An SSE message as a stream item; `end` and `token_expired` close the connection (the server ends
 * it too). A message the wire schema refuses is reported as malformed and never reaches RxDB.
 */
function interpret(message: SseMessage): StreamItem | 'end' | 'token_expired' | { readonly malformed: Error } {
  let data: unknown;
  try {
    data = JSON.parse(message.data) as unknown;
  } catch (error) {
    return { malformed: error instanceof Error ? error : new Error(String(error)) };
  }
  if (message.event === 'error') {
    const error = streamErrorSchema.safeParse(data);
    if (error.success && error.data.code === 'token_expired') return 'token_expired';
    // resync_required / server_shutdown / internal: reconnecting gives RESYNC, then the pull sorts it out.
    return 'end';
  }
  const parsed = streamDataSchema.safeParse(data);
  if (!parsed.success) return { malformed: new Error(describeIssues(parsed.error)) };
  // The message as received once it passed: zod's copy would reorder a document's fields.
  const valid = data as StreamData;
  if (valid === RESYNC) return 'RESYNC';
  const documents: WithDeleted<SyncDoc>[] = valid.documents;
  return { documents, checkpoint: valid.checkpoint };
}
