import type { EventMap, EventName, RequestName, Result, ResultOf } from '../../shared/contract';
import type { ExportPdfResult, ExportProgress } from '../../shared/contract/reports/report-requests';
import type { PrintJob } from '../core/reports/report-printer';

/** What the host's main thread passes to the core thread at start (workerData). */
export type CoreThreadInit = { readonly dataDir: string; readonly appVersion: string };

/** A print job as it crosses threads: the progress callback becomes `print-progress` messages. */
export type PrintJobData = Omit<PrintJob, 'onProgress'>;

/** Main thread → core thread. */
export type ToCore =
  | { readonly kind: 'open'; readonly session: number }
  | { readonly kind: 'request'; readonly session: number; readonly id: number; readonly name: string; readonly params: unknown }
  | { readonly kind: 'close-session'; readonly session: number }
  | { readonly kind: 'print-progress'; readonly print: number; readonly phase: ExportProgress['phase'] }
  | { readonly kind: 'print-done'; readonly print: number; readonly result: Result<ExportPdfResult> }
  | { readonly kind: 'close' };

/** Core thread → main thread. */
export type FromCore =
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'result'; readonly id: number; readonly result: Result<ResultOf<RequestName>> }
  | { readonly kind: 'event'; readonly session: number; readonly event: EventName; readonly payload: EventMap[EventName] }
  | { readonly kind: 'print'; readonly print: number; readonly job: PrintJobData }
  | { readonly kind: 'log'; readonly message: string; readonly error?: string }
  | { readonly kind: 'closed' };
