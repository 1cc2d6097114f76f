import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Checkpoints one WAL database from a thread of its own, so copying a large WAL back into the
 * database file (after an initial sync: ~1 GB, 1-2 s) never blocks the core's thread, which
 * keeps answering the UI and storing the next pages meanwhile. A PASSIVE checkpoint from a
 * second connection is what SQLite recommends for exactly this (it never blocks readers or
 * the writer; it copies what no reader still needs and tries again next time).
 *
 * The thread runs a few lines of plain JavaScript (no build entry needed, the same under tsx and
 * in the bundle) with better-sqlite3 resolved from here.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String(error && error.message || error) });
  }
});
`;

type Reply = { ok: true; log: number; checkpointed: number } | { ok: false; error: string };

export class BackgroundCheckpointer {
  private worker: Worker | undefined;
  private running = false;
  private again = false;
  /** Covered by the checkpoint running now (or about to start). */
  private waiters: Array<(ok: boolean) => void> = [];
  /** Asked while one ran: covered by the next run. */
  private nextWaiters: Array<(ok: boolean) => void> = [];
  private failed = false;
  private closed = false;

  constructor(private readonly file: string) {}

  /** False once the thread could not start or died: the caller checkpoints on its own thread. */
  get usable(): boolean {
    return !this.failed && !this.closed;
  }

  /**
   * Asks for a checkpoint; requests made while one runs are folded into one more run. `done`
   * hears whether the checkpoint that covered this request succeeded.
   */
  request(done?: (ok: boolean) => void): void {
    if (!this.usable) {
      done?.(false);
      return;
    }
    if (this.running) {
      if (done) this.nextWaiters.push(done);
      this.again = true;
      return;
    }
    if (done) this.waiters.push(done);
    this.start();
  }

  private start(): void {
    const worker = this.ensureWorker();
    if (!worker) {
      this.settle(false);
      return;
    }
    this.running = true;
    this.again = false;
    worker.ref();
    worker.postMessage('checkpoint');
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker) return this.worker;
    try {
      const driver = createRequire(import.meta.url).resolve('better-sqlite3');
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: this.file, driver } });
      worker.on('message', (reply: Reply) => this.onReply(reply));
      worker.on('error', () => this.fail());
      worker.on('exit', () => {
        if (!this.closed) this.fail();
      });
      worker.unref();
      this.worker = worker;
      return worker;
    } catch {
      this.failed = true;
      return undefined;
    }
  }

  private onReply(reply: Reply): void {
    this.running = false;
    this.worker?.unref();
    const waiters = this.waiters;
    this.waiters = this.nextWaiters;
    this.nextWaiters = [];
    if (this.again && !this.closed) {
      this.start();
    }
    for (const waiter of waiters) waiter(reply.ok);
  }

  private fail(): void {
    this.failed = true;
    this.running = false;
    this.worker = undefined;
    this.settle(false);
  }

  private settle(ok: boolean): void {
    const waiters = [...this.waiters, ...this.nextWaiters];
    this.waiters = [];
    this.nextWaiters = [];
    for (const waiter of waiters) waiter(ok);
  }

  /** Lets a running checkpoint finish on its thread, then closes its connection there. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.settle(false);
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      worker.postMessage('close');
      worker.unref();
    }
  }
}
