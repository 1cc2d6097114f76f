import { parentPort, workerData } from 'node:worker_threads';
import type { ExportPdfResult, ExportProgress } from '../../../shared/contract/reports/report-requests';
import type { Result } from '../../../shared/contract/result';
import { createCore } from '../core';
import { describeError, logRecord, type LogContext, type LogLevel } from '../logging/log-record';
import type { Session } from '../rpc/session';
import type { CoreThreadInit, FromCore, ToCore } from './core-thread-protocol';

/**
 * The core on its own thread, for both hosts (core-thread.ts explains why). Sessions, requests and
 * events map one to one onto messages; printing and logging go back to the host thread, which owns
 * the window or HTTP server a report is printed through and the log file.
 */
const port = parentPort;
if (!port) throw new Error('core-thread-worker.ts runs as a worker thread');
const post = (message: FromCore): void => port.postMessage(message);
const log = (level: LogLevel, message: string, error?: unknown, context?: LogContext): void =>
  post({ kind: 'log', record: logRecord(level, message, error, context, 'core') });
const init = workerData as CoreThreadInit;

type PendingPrint = {
  readonly resolve: (result: Result<ExportPdfResult>) => void;
  readonly onProgress: (phase: ExportProgress['phase']) => void;
};
const prints = new Map<number, PendingPrint>();
let nextPrint = 1;

try {
  const startedAt = performance.now();
  const core = await createCore({
    dataDir: init.dataDir,
    databaseKey: init.databaseKey,
    keyProtection: init.keyProtection,
    host: init.host,
    appVersion: init.appVersion,
    log: (message, error) => log(error === undefined ? 'warn' : 'error', message, error),
    printer: ({ onProgress, ...job }) =>
      new Promise((resolve) => {
        const print = nextPrint++;
        prints.set(print, { resolve, onProgress });
        post({ kind: 'print', print, job });
      }),
  });
  log('info', 'core opened the database', undefined, { host: init.host, ms: Math.round(performance.now() - startedAt) });
  const sessions = new Map<number, Session>();

  port.on('message', (message: ToCore) => {
    switch (message.kind) {
      case 'open':
        sessions.set(
          message.session,
          core.openSession((event, payload) => post({ kind: 'event', session: message.session, event, payload })),
        );
        return;
      case 'request': {
        const session = sessions.get(message.session);
        if (!session)
          return post({
            kind: 'result',
            id: message.id,
            result: { ok: false, error: { code: 'invalid_state', message: 'The session is closed' } },
          });
        void session.request(message.name, message.params).then(
          (result) => post({ kind: 'result', id: message.id, result }),
          (error: unknown) => {
            log('error', 'request failed outside the dispatcher', error, { request: message.name });
            post({ kind: 'result', id: message.id, result: { ok: false, error: { code: 'internal', message: 'Request failed' } } });
          },
        );
        return;
      }
      case 'close-session':
        sessions.get(message.session)?.close();
        sessions.delete(message.session);
        return;
      case 'print-progress':
        prints.get(message.print)?.onProgress(message.phase);
        return;
      case 'print-done':
        prints.get(message.print)?.resolve(message.result);
        prints.delete(message.print);
        return;
      case 'close':
        for (const session of sessions.values()) session.close();
        sessions.clear();
        void core
          .close()
          .then(
            () => log('info', 'core closed the database'),
            (error: unknown) => log('error', 'closing the core failed', error),
          )
          .finally(() => {
            post({ kind: 'closed' });
            port.close();
          });
        return;
    }
  });
  post({ kind: 'ready' });
} catch (error) {
  post({ kind: 'failed', message: describeError(error) });
}
