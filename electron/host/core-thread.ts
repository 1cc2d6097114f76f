import type { Worker } from 'node:worker_threads';
import type { EventMap, EventName, RequestName, Result, ResultOf } from '../../shared/contract';
import type { ReportPrinter } from '../core/reports/report-printer';
import { startWorker } from '../core/threads/start-worker';
import type { CoreThreadInit, FromCore, ToCore } from './core-thread-protocol';

/** A page's session with the core, as the WebSocket connection uses it. */
export type HostSession = {
  /** Name and params are untrusted; the core's dispatcher validates them. */
  request(name: string, params: unknown): Promise<Result<ResultOf<RequestName>>>;
  close(): void;
};

export type HostEventSink = <E extends EventName>(event: E, payload: EventMap[E]) => void;

export type CoreThread = {
  openSession(sink: HostEventSink): HostSession;
  /** Where the core's print jobs go; until set, printing answers that the host is still starting. */
  setPrinter(printer: ReportPrinter): void;
  close(): Promise<void>;
};

export type CoreThreadOptions = CoreThreadInit & { readonly log: (message: string, error?: unknown) => void };

const STOPPED: Result<never> = { ok: false, error: { code: 'internal', message: 'The app core stopped' } };

/**
 * The browser host runs the core on a worker thread, so the thread that serves the page's files
 * and WebSocket never waits for the database. SQLite calls are synchronous: on the main thread the
 * start-up chunks queued behind the first accounts query, and an import or a cold page cache could
 * hold back every file and frame for seconds. Resolves once the core has opened the database.
 */
export function startCoreThread(options: CoreThreadOptions): Promise<CoreThread> {
  const init: CoreThreadInit = { dataDir: options.dataDir, appVersion: options.appVersion };
  const worker = spawn(init);
  const results = new Map<number, (result: Result<ResultOf<RequestName>>) => void>();
  const sinks = new Map<number, HostEventSink>();
  let printer: ReportPrinter | undefined;
  let nextId = 1;
  let nextSession = 1;
  let stopped = false;
  const post = (message: ToCore): void => {
    if (!stopped) worker.postMessage(message);
  };
  const stop = (): void => {
    stopped = true;
    for (const settle of results.values()) settle(STOPPED);
    results.clear();
  };

  return new Promise((resolve, reject) => {
    let closed: (() => void) | undefined;
    let started = false;
    worker.on('message', (message: FromCore) => {
      switch (message.kind) {
        case 'ready':
          started = true;
          return resolve(thread);
        case 'failed':
          stop();
          void worker.terminate();
          return reject(new Error(`The app core could not start: ${message.message}`));
        case 'result':
          results.get(message.id)?.(message.result);
          results.delete(message.id);
          return;
        case 'event':
          sinks.get(message.session)?.(message.event, message.payload);
          return;
        case 'print': {
          const job = {
            ...message.job,
            onProgress: (phase: Parameters<Parameters<ReportPrinter>[0]['onProgress']>[0]) =>
              post({ kind: 'print-progress', print: message.print, phase }),
          };
          const printing = printer
            ? printer(job)
            : Promise.resolve<Awaited<ReturnType<ReportPrinter>>>({
                ok: false,
                error: { code: 'invalid_state', message: 'The host is still starting' },
              });
          void printing.then((result) => post({ kind: 'print-done', print: message.print, result }));
          return;
        }
        case 'log':
          return options.log(message.message, message.error);
        case 'closed':
          closed?.();
          void worker.terminate();
          return;
      }
    });
    worker.on('error', (error) => {
      options.log('the app core crashed', error);
      stop();
      reject(error);
    });
    worker.on('exit', (code) => {
      stop();
      closed?.();
      if (!started) reject(new Error(`The app core exited with code ${code} before it started`));
    });

    let closing: Promise<void> | undefined;
    const thread: CoreThread = {
      openSession(sink) {
        const session = nextSession++;
        sinks.set(session, sink);
        post({ kind: 'open', session });
        return {
          request(name, params) {
            if (stopped) return Promise.resolve(STOPPED);
            const id = nextId++;
            return new Promise((settle) => {
              results.set(id, settle);
              post({ kind: 'request', session, id, name, params });
            });
          },
          close() {
            if (!sinks.delete(session)) return;
            post({ kind: 'close-session', session });
          },
        };
      },
      setPrinter(next) {
        printer = next;
      },
      close() {
        closing ??= stopped
          ? Promise.resolve()
          : new Promise<void>((done) => {
              closed = done;
              post({ kind: 'close' });
            });
        return closing;
      },
    };
  });
}

/** The core's thread: core-thread-worker.ts under tsx, its built .js beside the bundle. */
function spawn(init: CoreThreadInit): Worker {
  const isTs = import.meta.url.endsWith('.ts');
  return startWorker(new URL(isTs ? './core-thread-worker.ts' : './core-thread-worker.js', import.meta.url), { workerData: init });
}
