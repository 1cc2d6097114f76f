import { parentPort, workerData } from 'node:worker_threads';
import type { ExportPdfResult, ExportProgress } from '../../shared/contract/reports/report-requests';
import type { Result } from '../../shared/contract/result';
import { createCore } from '../core/core';
import type { Session } from '../core/rpc/session';
import type { CoreThreadInit, FromCore, ToCore } from './core-thread-protocol';

/**
 * The browser host's core, on its own thread (core-thread.ts explains why). Sessions, requests and
 * events map one to one onto messages; printing goes back to the main thread, which owns the
 * HTTP server the printed files are downloaded from.
 */
const port = parentPort;
if (!port) throw new Error('core-thread-worker.ts runs as a worker thread');
const post = (message: FromCore): void => port.postMessage(message);
const { dataDir, appVersion } = workerData as CoreThreadInit;

type PendingPrint = {
  readonly resolve: (result: Result<ExportPdfResult>) => void;
  readonly onProgress: (phase: ExportProgress['phase']) => void;
};
const prints = new Map<number, PendingPrint>();
let nextPrint = 1;

try {
  const core = await createCore({
    dataDir,
    host: 'browser',
    appVersion,
    log: (message, error) => post({ kind: 'log', message, error: error === undefined ? undefined : describe(error) }),
    printer: ({ onProgress, ...job }) =>
      new Promise((resolve) => {
        const print = nextPrint++;
        prints.set(print, { resolve, onProgress });
        post({ kind: 'print', print, job });
      }),
  });
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
            post({ kind: 'log', message: `${message.name} failed`, error: describe(error) });
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
        void core.close().then(() => {
          post({ kind: 'closed' });
          port.close();
        });
        return;
    }
  });
  post({ kind: 'ready' });
} catch (error) {
  post({ kind: 'failed', message: describe(error) });
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
