import { yieldToEventLoop } from './for-each-document';

/**
 * The core answers every request on one thread, and at start-up several reads of whole
 * collections run on it at once, each a page at a time with a turn of the event loop between
 * pages. Taking turns evenly, a load a screen waits for (the pipeline's deals, the case queues,
 * the campaign figures) advances at a fraction of its speed while analyses nobody is looking at
 * yet (duplicate pairs for a badge, customer insight, the win model) take the other turns.
 *
 * So reads come in two lanes. A foreground load runs as before; a background job's turn between
 * pages waits while any foreground load is running, then goes on. Process-wide on purpose: the
 * lanes share one event loop, whichever core or service started them. A foreground load always
 * ends (it resolves, fails or is closed), so background work is delayed, never stopped.
 */
let foregroundLoads = 0;
let waiting: Array<() => void> = [];

/** Runs a load screens wait for; background turns wait until no such load is running. */
export async function foregroundLoad<T>(load: () => Promise<T>): Promise<T> {
  foregroundLoads++;
  try {
    return await load();
  } finally {
    foregroundLoads--;
    if (foregroundLoads === 0) {
      const resume = waiting;
      waiting = [];
      for (const go of resume) go();
    }
  }
}

/** A background job's turn between pages: the next turn of the event loop with no foreground load running. */
export async function backgroundTurn(): Promise<void> {
  await yieldToEventLoop();
  while (foregroundLoads > 0) await new Promise<void>((resolve) => waiting.push(resolve));
}
