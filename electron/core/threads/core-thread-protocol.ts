import type { AppInfo, EventMap, EventName, RequestName, Result, ResultOf } from '../../../shared/contract';
import type { ExportPdfResult, ExportProgress } from '../../../shared/contract/reports/report-requests';
import type { LogRecord } from '../logging/log-record';
import type { PrintJob } from '../reports/report-printer';

/** What the host thread passes to the core thread at start (workerData, copied by structured clone). */
export type CoreThreadInit = {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly host: AppInfo['host'];
  /** The database's raw key (32 bytes); the host holds it (OS key store or a 0600 key file). */
  readonly databaseKey: Uint8Array;
  /** How the host keeps that key, shown to the user in the app's settings. */
  readonly keyProtection: AppInfo['keyProtection'];
};

/** A print job as it crosses threads: the progress callback becomes `print-progress` messages. */
export type PrintJobData = Omit<PrintJob, 'onProgress'>;

/** Host thread → core thread. */
export type ToCore =
  | { readonly kind: 'open'; readonly session: number }
  | { readonly kind: 'request'; readonly session: number; readonly id: number; readonly name: string; readonly params: unknown }
  | { readonly kind: 'close-session'; readonly session: number }
  | { readonly kind: 'print-progress'; readonly print: number; readonly phase: ExportProgress['phase'] }
  | { readonly kind: 'print-done'; readonly print: number; readonly result: Result<ExportPdfResult> }
  | { readonly kind: 'close' };

/** Core thread → host thread. Log records go to the host, the only writer of the log file. */
export type FromCore =
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'result'; readonly id: number; readonly result: Result<ResultOf<RequestName>> }
  | { readonly kind: 'event'; readonly session: number; readonly event: EventName; readonly payload: EventMap[EventName] }
  | { readonly kind: 'print'; readonly print: number; readonly job: PrintJobData }
  | { readonly kind: 'log'; readonly record: LogRecord }
  | { readonly kind: 'closed' };
