import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { sqliteNativeBinding } from './sqlite-binding';
import type { ConnectionCipher } from './sqlite-cipher';

/**
 * Checkpoints one WAL database from a thread of its own, so copying a large WAL back into the
 * database file (after an initial sync it is large) never blocks the core's thread, which
 * keeps answering the UI and storing the next pages meanwhile. A PASSIVE checkpoint from a
 * second connection is what SQLite recommends for exactly this (it never blocks readers or
 * the writer; it copies what no reader still needs and tries again next time).
 *
 * The two threads share what was asked and whether a run is on through shared memory, not
 * messages: a run of bulk writes awaited back to back (an import, a benchmark) settles its
 * promises as microtasks, so the core's thread may not read a message from the checkpoint thread
 * until the whole run is over. Were "a checkpoint is running" learnt from a reply, requests made
 * meanwhile would be folded into a run that never starts, and the WAL's safety net would then
 * checkpoint everything inside a commit on the core's thread. So the checkpoint thread reruns by
 * itself while requests are newer than what it covered, and messages only carry answers to
 * callers that wait for one.
 *
 * The thread runs a few lines of plain JavaScript (no build entry needed, the same under tsx and
 * in the bundle) with the SQLite driver resolved from here, the same native binding as the
 * core's connections, and the same cipher pragmas (the key) before it reads anything.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const [REQUESTED, RUNNING] = [0, 1];
const shared = new Int32Array(workerData.shared);
const db = new Database(workerData.file, { fileMustExist: true, nativeBinding: workerData.nativeBinding });
for (const pragma of workerData.pragmas) db.pragma(pragma);
db.pragma('busy_timeout = 5000');
function checkpointOnce(target) {
  let ok = true;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    ok = false;
  }
  parentPort.postMessage({ done: target, ok });
}
function run() {
  for (;;) {
    const target = Atomics.load(shared, REQUESTED);
    checkpointOnce(target);
    if (Atomics.load(shared, REQUESTED) !== target) continue;
    Atomics.store(shared, RUNNING, 0);
    // A request between the check above and the store saw RUNNING = 1 and posted nothing.
    if (Atomics.load(shared, REQUESTED) !== target && Atomics.compareExchange(shared, RUNNING, 0, 1) === 0) continue;
    return;
  }
}
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  run();
});
`;

/** Slots of the shared Int32Array: requests made so far; 1 while a run is on or about to start. */
const REQUESTED = 0;
const RUNNING = 1;

type Reply = { done: number; ok: boolean };
type Waiter = { readonly generation: number; readonly done: (ok: boolean) => void };

export class BackgroundCheckpointer {
  private worker: Worker | undefined;
  private readonly shared = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  private waiters: Waiter[] = [];
  private failed = false;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly cipher: ConnectionCipher,
    private readonly onError: (message: string, error: unknown) => void = () => undefined,
  ) {}

  /** False once the thread could not start or died: the caller checkpoints on its own thread. */
  get usable(): boolean {
    return !this.failed && !this.closed;
  }

  /**
   * Asks for a checkpoint. Requests made while one runs are covered by one more run, which the
   * checkpoint thread starts by itself. `done` hears whether the checkpoint that covered this
   * request succeeded (it needs the core's event loop to turn; the checkpoint does not).
   */
  request(done?: (ok: boolean) => void): void {
    if (!this.usable) {
      done?.(false);
      return;
    }
    const worker = this.ensureWorker();
    if (!worker) {
      done?.(false);
      return;
    }
    const generation = Atomics.add(this.shared, REQUESTED, 1) + 1;
    if (done) this.waiters.push({ generation, done });
    // Keeps the process alive until the answer is heard (unref'd again in onReply).
    worker.ref();
    if (Atomics.compareExchange(this.shared, RUNNING, 0, 1) === 0) {
      worker.postMessage('checkpoint');
    }
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker) return this.worker;
    try {
      const driver = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
      const pragmas = this.cipher.kind === 'encrypted' ? this.cipher.pragmas : [];
      const workerData = { file: this.file, driver, nativeBinding: sqliteNativeBinding(), pragmas, shared: this.shared.buffer };
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
      worker.on('message', (reply: Reply) => this.onReply(reply));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (!this.closed) this.fail(new Error(`the checkpoint thread exited with code ${code}`));
      });
      worker.unref();
      this.worker = worker;
      return worker;
    } catch (error) {
      this.fail(error);
      return undefined;
    }
  }

  private onReply(reply: Reply): void {
    if (reply.done >= Atomics.load(this.shared, REQUESTED)) {
      this.worker?.unref();
    }
    const covered = this.waiters.filter((waiter) => waiter.generation <= reply.done);
    this.waiters = this.waiters.filter((waiter) => waiter.generation > reply.done);
    for (const waiter of covered) waiter.done(reply.ok);
  }

  private fail(error: unknown): void {
    if (!this.failed) this.onError('the WAL checkpoint thread stopped; checkpoints run on the core thread from now on', error);
    this.failed = true;
    this.worker = undefined;
    this.settle(false);
  }

  private settle(ok: boolean): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.done(ok);
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
