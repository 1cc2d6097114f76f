/**
 * Exponential backoff with "full jitter" (AWS architecture blog): the delay is uniform in
 * [0, min(cap, base * 2^attempt)], so clients that lost the server together do not come back in
 * lockstep and hammer it at the same instant. A floor keeps one retry from firing immediately.
 */
export type BackoffOptions = {
  readonly baseMs: number;
  readonly capMs: number;
  readonly floorMs?: number;
  readonly random?: () => number;
};

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 60_000, floorMs: 100 };

export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const random = options.random ?? Math.random;
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt, 30));
  const floor = Math.min(options.floorMs ?? 0, ceiling);
  return Math.round(floor + random() * (ceiling - floor));
}

/** Resolves after `ms`, or early when `wake` fires ("Sync now", back online); rejects on abort. */
export function sleep(ms: number, signal: AbortSignal, wake?: (listener: () => void) => () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError(signal));
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      unwake?.();
    };
    const onAbort = (): void => {
      done();
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
    // Listeners never fire synchronously on registration, so `unwake` is set before `done` runs.
    const unwake = wake?.(() => {
      done();
      resolve();
    });
  });
}

export function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('sync stopped');
}
