/** Messages between a test and a client core running in its own process (see client-worker.ts). */
export type ClientRequest =
  | { readonly id: number; readonly op: 'call'; readonly name: string; readonly params: unknown }
  | { readonly id: number; readonly op: 'docs'; readonly collection: string }
  | { readonly id: number; readonly op: 'count'; readonly collection: string }
  /** Resolves once the document's field has the value (a live subscription, no polling). */
  | {
      readonly id: number;
      readonly op: 'waitValue';
      readonly collection: string;
      readonly docId: string;
      readonly field: string;
      readonly value: string;
    }
  /** Every `sync.status` event the core sent since the client started, oldest first. */
  | { readonly id: number; readonly op: 'statusLog' }
  /** Writes `count` accounts straight into the local database (ids `<prefix>-000001`…), as an offline import would. */
  | { readonly id: number; readonly op: 'insertAccounts'; readonly prefix: string; readonly count: number }
  | { readonly id: number; readonly op: 'close' };

export type ClientReply =
  { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly error: string };

export type ClientReady = { readonly ready: true };
