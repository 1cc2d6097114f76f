import type { WinModelSummary } from './analytics/analytics-requests';
import type { ImportProgress } from './customers/import-requests';
import type { LiveResult } from './live-requests';
import type { ExportProgress } from './reports/report-requests';
import type { SyncStatus } from './sync/sync-types';

/**
 * Pushes from the core (and, for `ui.command`, from the shell) to the renderer. Payloads are
 * typed but not schema-checked: they come from our own process, never from the page.
 */
export type EventMap = {
  /** A live query's answer changed; replaces the previous result of that subscription. */
  readonly 'live.changed': { readonly subscriptionId: string } & LiveResult;
  /** Replication state for the status bar; sent on every change (see shared/contract/sync/). */
  readonly 'sync.status': SyncStatus;
  /** The list of open conflicts changed (new ones detected, one resolved); re-read `conflicts.list`. */
  readonly 'conflicts.changed': { readonly total: number };
  /** How far `import.commit` has got (validating, then writing); the import dialog's progress bar. */
  readonly 'import.progress': ImportProgress;
  /** How far a `reports.exportPdf` has got; the export button's progress. */
  readonly 'reports.exportProgress': ExportProgress;
  /** The win model was retrained (or started/failed training); re-request `analytics.winProbabilities`. */
  readonly 'analytics.winModelChanged': WinModelSummary;
  /** Menu accelerators the renderer acts on (Electron menu; the browser host uses key handlers). */
  readonly 'ui.command': { readonly command: UiCommand };
};

export type UiCommand = 'focus-search' | 'new-record' | 'open-settings';

export type EventName = keyof EventMap;
export type EventPayload<E extends EventName> = EventMap[E];
