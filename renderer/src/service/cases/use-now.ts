import { useSyncExternalStore } from 'react';

type Ticker = { readonly subscribe: (listener: () => void) => () => void; readonly getSnapshot: () => number };

/**
 * One shared ticker per interval: every SLA badge on screen reads the same instant, so a list of a
 * hundred rows sets one timer, not a hundred, and all countdowns move together. The timer runs only
 * while something on screen listens.
 */
const tickers = new Map<number, Ticker>();

function createTicker(intervalMs: number): Ticker {
  const listeners = new Set<() => void>();
  let now = Date.now();
  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (timer === undefined) {
        now = Date.now();
        timer = setInterval(() => {
          now = Date.now();
          for (const notify of listeners) notify();
        }, intervalMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        clearInterval(timer);
        timer = undefined;
      };
    },
    getSnapshot() {
      // Nothing listened for a while: a screen mounting now must not start from a stale instant.
      if (timer === undefined && Date.now() - now >= intervalMs) now = Date.now();
      return now;
    },
  };
}

function tickerFor(intervalMs: number): Ticker {
  let ticker = tickers.get(intervalMs);
  if (!ticker) {
    ticker = createTicker(intervalMs);
    tickers.set(intervalMs, ticker);
  }
  return ticker;
}

/** The current time, re-read every `intervalMs` while the component is mounted. */
export function useNow(intervalMs: number): number {
  const ticker = tickerFor(intervalMs);
  return useSyncExternalStore(ticker.subscribe, ticker.getSnapshot);
}
