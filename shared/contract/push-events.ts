import type { LiveResult } from './live-requests';

/**
 * Pushes from the core (and, for `ui.command`, from the shell) to the renderer. Payloads are
 * typed but not schema-checked: they come from our own process, never from the page.
 */
export type EventMap = {
  /** A live query's answer changed; replaces the previous result of that subscription. */
  readonly 'live.changed': { readonly subscriptionId: string } & LiveResult;
  /** Replication state for the status bar (the sync engineer fills in the producer). */
  readonly 'sync.status': {
    readonly state: 'offline' | 'idle' | 'syncing' | 'error';
    readonly lastSyncedAt?: number;
    readonly message?: string;
  };
  /** Menu accelerators the renderer acts on (Electron menu; the browser host uses key handlers). */
  readonly 'ui.command': { readonly command: UiCommand };
};

export type UiCommand = 'focus-search' | 'new-record' | 'open-settings';

export type EventName = keyof EventMap;
export type EventPayload<E extends EventName> = EventMap[E];
