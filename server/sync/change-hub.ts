import type { Db } from '../db/db';
import { CHANGES_CHANNEL } from './push';

/** `change`: something in the collection committed; `reconnect`: notifications may have been missed. */
export type HubEvent = 'change' | 'reconnect';
export type HubListener = (event: HubEvent) => void;

export type ChangeHub = {
  subscribe(collection: string, listener: HubListener): () => void;
  /** Live streams register a closer so shutdown can end them instead of waiting for clients. */
  trackStream(close: () => void): () => void;
  close(): Promise<void>;
};

/**
 * One LISTEN per process fans out to all its streams. Pushes on any process NOTIFY at commit, so a
 * client streaming from process B hears about a push handled by process A.
 */
export const startChangeHub = async (db: Db): Promise<ChangeHub> => {
  const listeners = new Map<string, Set<HubListener>>();
  const streams = new Set<() => void>();
  const emit = (collection: string | undefined, event: HubEvent): void => {
    const targets = collection === undefined ? [...listeners.values()] : [listeners.get(collection) ?? new Set<HubListener>()];
    for (const set of targets) for (const l of set) l(event);
  };
  const unlisten = await db.listen(
    CHANGES_CHANNEL,
    (collection) => emit(collection, 'change'),
    () => emit(undefined, 'reconnect'),
  );
  return {
    subscribe(collection, listener) {
      const set = listeners.get(collection) ?? new Set<HubListener>();
      listeners.set(collection, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    trackStream(close) {
      streams.add(close);
      return () => streams.delete(close);
    },
    async close() {
      for (const close of [...streams]) close();
      streams.clear();
      listeners.clear();
      await unlisten();
    },
  };
};
