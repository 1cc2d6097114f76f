import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../threads/start-worker';
import type { AnalyticsJob, AnalyticsJobResult, AnalyticsRequestMessage, AnalyticsResponseMessage } from './analytics-protocol';
import type { SeriesForecast, SeriesInput } from './forecast-series';

export type AnalyticsWorkerPoolOptions = {
  /** Threads to start; default leaves one core to the core's own thread, at most 3. */
  readonly size?: number;
  /**
   * The worker entry. Default: `analytics-worker.ts` beside this file under tsx (dev, tests,
   * bench), or `analytics-worker.js` beside the bundle, which the build must emit as its own entry.
   */
  readonly workerUrl?: URL;
};

type Pending = { resolve: (value: AnalyticsJobResult[AnalyticsJob['kind']]) => void; reject: (error: Error) => void };
type Slot = { readonly worker: Worker; readonly pending: Map<number, Pending> };

export class AnalyticsWorkerError extends Error {
  constructor(
    readonly code: 'analytics_failed' | 'worker_exited' | 'pool_closed',
    message: string,
  ) {
    super(message);
  }
}

/** A few analytics threads; jobs go to the least busy one and resolve with typed results. */
export class AnalyticsWorkerPool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;
  private readonly url: URL;

  constructor(options: AnalyticsWorkerPoolOptions = {}) {
    const size = Math.max(1, options.size ?? Math.min(3, availableParallelism() - 1));
    const isTs = import.meta.url.endsWith('.ts');
    this.url = options.workerUrl ?? new URL(isTs ? './analytics-worker.ts' : './analytics-worker.js', import.meta.url);
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = startWorker(this.url);
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (message: AnalyticsResponseMessage) => this.settle(slot, message));
    worker.on('error', (error) =>
      this.failAll(slot, new AnalyticsWorkerError('worker_exited', `analytics worker crashed: ${error.message}`)),
    );
    worker.on('exit', (code) => {
      this.failAll(slot, new AnalyticsWorkerError('worker_exited', `analytics worker exited with code ${code}`));
      // A crashed thread is replaced, so one bad job cannot leave later ones waiting forever.
      const at = this.slots.indexOf(slot);
      if (!this.closed && at >= 0) this.slots[at] = this.spawn();
    });
    // The pool must never keep the app (or a test) alive on its own.
    worker.unref();
    return slot;
  }

  get size(): number {
    return this.slots.length;
  }

  run<K extends AnalyticsJob['kind']>(job: Extract<AnalyticsJob, { kind: K }>): Promise<AnalyticsJobResult[K]> {
    if (this.closed) return Promise.reject(new AnalyticsWorkerError('pool_closed', 'the analytics pool is closed'));
    const slot = this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise<AnalyticsJobResult[K]>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as Pending['resolve'], reject });
      slot.worker.ref();
      const message: AnalyticsRequestMessage = { id, job };
      slot.worker.postMessage(message);
    });
  }

  /** Splits the series over all threads (contiguous chunks, order kept) and joins the forecasts. */
  async forecast(series: readonly SeriesInput[], horizon: number): Promise<SeriesForecast[]> {
    const chunk = Math.ceil(series.length / this.slots.length) || 1;
    const parts: Array<Promise<AnalyticsJobResult['forecast']>> = [];
    for (let i = 0; i < series.length; i += chunk) parts.push(this.run({ kind: 'forecast', series: series.slice(i, i + chunk), horizon }));
    return (await Promise.all(parts)).flatMap((p) => p.forecasts);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private settle(slot: Slot, message: AnalyticsResponseMessage): void {
    const p = slot.pending.get(message.id);
    if (!p) return;
    slot.pending.delete(message.id);
    if (slot.pending.size === 0) slot.worker.unref();
    if (message.ok) p.resolve(message.result);
    else p.reject(new AnalyticsWorkerError(message.error.code, message.error.message));
  }

  private failAll(slot: Slot, error: AnalyticsWorkerError): void {
    for (const p of slot.pending.values()) p.reject(error);
    slot.pending.clear();
  }
}
