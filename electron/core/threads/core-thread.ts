import type { Worker } from 'node:worker_threads';
import type { EventMap, EventName, RequestName, Result, ResultOf } from '../../../shared/contract';
import type { ExportProgress } from '../../../shared/contract/reports/report-requests';
import { logRecord, type LogSink } from '../logging/log-record';
import type { ReportPrinter } from '../reports/report-printer';
import type { CoreThreadInit, FromCore, PrintJobData, ToCore } from './core-thread-protocol';
import { startWorker } from './start-worker';

/** A page's session with the core, as a WebSocket connection or an IPC sender uses it. */
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
  /** Closes every session and the database (SQLite flushed and closed), then ends the thread. */
  close(): Promise<void>;
};

export type CoreThreadOptions = CoreThreadInit & {
  /** Receives the core's log records; the host writes them (it owns the log file). */
  readonly log: LogSink;
  /** Called once when the thread stops by itself after it started: the app has no core any more. */
  readonly onUnexpectedExit?: (error: Error) => void;
  /** How long close() waits for the core to close SQLite before it ends the thread anyway. */
  readonly closeTimeoutMs?: number;
  /** The worker entry; default core-thread-worker.ts beside this file under tsx, or the built .js beside the bundle. */
  readonly workerUrl?: URL;
};

const STOPPED: Result<never> = { ok: false, error: { code: 'internal', message: 'The app core stopped' } };
const CLOSE_TIMEOUT_MS = 15_000;

/**
 * Runs the core on a worker thread, in Electron as in the browser host, so the host's thread
 * (windows and IPC, or the page's files and WebSocket) never waits for the database. SQLite calls
 * are synchronous: on the host thread, an import or a cold page cache would hold back every
 * frame, file and window event for seconds. Resolves once the core has opened the database.
 */
export function startCoreThread(options: CoreThreadOptions): Promise<CoreThread> {
  const init: CoreThreadInit = {
    dataDir: options.dataDir,
    appVersion: options.appVersion,
    host: options.host,
    databaseKey: options.databaseKey,
    keyProtection: options.keyProtection,
  };
  const worker = spawn(init, options.workerUrl);
  const results = new Map<number, (result: Result<ResultOf<RequestName>>) => void>();
  const sinks = new Map<number, HostEventSink>();
  const log = (level: 'info' | 'warn' | 'error', message: string, error?: unknown): void =>
    options.log(logRecord(level, message, error, undefined, 'core-thread'));
  let printer: ReportPrinter | undefined;
  let nextId = 1;
  let nextSession = 1;
  let stopped = false;
  let closeRequested = false;
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
        case 'print':
          return print(message.print, message.job);
        case 'log':
          return options.log(message.record);
        case 'closed':
          closed?.();
          void worker.terminate();
          return;
      }
    });
    worker.on('error', (error) => {
      log('error', 'the app core crashed', error);
      stop();
      if (!started) reject(error);
    });
    worker.on('exit', (code) => {
      const unexpected = started && !closeRequested;
      stop();
      closed?.();
      if (!started) return reject(new Error(`The app core exited with code ${code} before it started`));
      if (unexpected) {
        log('error', `the app core stopped unexpectedly (exit code ${code})`);
        options.onUnexpectedExit?.(new Error(`The app core stopped unexpectedly (exit code ${code})`));
      }
    });

    function print(id: number, job: PrintJobData): void {
      const withProgress = { ...job, onProgress: (phase: ExportProgress['phase']) => post({ kind: 'print-progress', print: id, phase }) };
      const printing = printer
        ? printer(withProgress)
        : Promise.resolve<Awaited<ReturnType<ReportPrinter>>>({
            ok: false,
            error: { code: 'invalid_state', message: 'The host is still starting' },
          });
      printing.then(
        (result) => post({ kind: 'print-done', print: id, result }),
        (error: unknown) => {
          // Printers return failures as values; a throw is a bug, answered so the export does not hang.
          log('error', 'printing threw', error);
          post({ kind: 'print-done', print: id, result: { ok: false, error: { code: 'internal', message: 'Printing failed' } } });
        },
      );
    }

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
        closeRequested = true;
        closing ??= stopped
          ? Promise.resolve()
          : new Promise<void>((done) => {
              const timeoutMs = options.closeTimeoutMs ?? CLOSE_TIMEOUT_MS;
              const timer = setTimeout(() => {
                log('error', `the app core did not close within ${timeoutMs} ms; ending its thread`);
                void worker.terminate();
              }, timeoutMs);
              closed = () => {
                clearTimeout(timer);
                done();
              };
              post({ kind: 'close' });
            });
        return closing;
      },
    };
  });
}

/** The core's thread: core-thread-worker.ts under tsx, its built .js beside the bundle. */
function spawn(init: CoreThreadInit, workerUrl: URL | undefined): Worker {
  const isTs = import.meta.url.endsWith('.ts');
  const url = workerUrl ?? new URL(isTs ? './core-thread-worker.ts' : './core-thread-worker.js', import.meta.url);
  return startWorker(url, { workerData: init });
}
