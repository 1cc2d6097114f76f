import type { CrmCollectionName } from '../../schemas/registry';
import type { AuthUser as WireAuthUser } from './wire/auth';

/**
 * Codes of sync problems the UI maps to text (`errors.sync.<code>`); `message` is detail for people.
 * - update_required: the server speaks a newer schema (HTTP 426); the user must update the app.
 * - session_expired: the refresh token was refused; the user must sign in again.
 * - server_error: the server answered 5xx or garbage; retried with backoff.
 * - rejected: the server refused a record (permission); see `sync.pending`.
 * - insecure_url: a plain http:// address to another computer; only https:// (or http:// to this
 *   computer's loopback addresses) may carry passwords and tokens.
 * - bad_url: not an http(s) address the app can use.
 */
export type SyncErrorCode =
  | 'update_required'
  | 'session_expired'
  | 'invalid_credentials'
  | 'unreachable'
  | 'server_error'
  | 'rate_limited'
  | 'not_signed_in'
  | 'rejected'
  | 'insecure_url'
  | 'bad_url'
  | 'internal';

export type SyncError = { readonly code: SyncErrorCode; readonly message: string };

/**
 * What the status bar shows. `up_to_date` means every collection pulled and pushed everything it
 * knows of; `offline` means several signals agree the server is unreachable (not a single failure).
 */
export type SyncState = 'signed_out' | 'offline' | 'syncing' | 'up_to_date' | 'error';

/** A first sync (or full resync): `pulled` ≤ `total` always, and `pulled` = `total` when it ends. */
export type SyncProgress = {
  /** Distinct records received so far. */
  readonly pulled: number;
  /** Records in scope: the server's count at the first page, raised by records created meanwhile. */
  readonly total?: number;
  /** Time left at the pace so far; absent until there is a pace to go by. */
  readonly remainingMs?: number;
};

/**
 * A large upload (a first sign-in with local records, a long offline spell): `sent` ≤ `total`.
 * It lasts until nothing is waiting, through cuts and offline spells, so it resumes where it was.
 */
export type UploadProgress = {
  /** Changes the server confirmed since the upload began. */
  readonly sent: number;
  /** `sent` plus what was waiting when the upload began, raised if more is sent than that. */
  readonly total: number;
  /** Time left at the pace so far; absent until there is a pace to go by. */
  readonly remainingMs?: number;
};

export type SyncStatus = {
  readonly state: SyncState;
  /** Set when `state` is `error`; also kept while offline if it happened before. */
  readonly error?: SyncError;
  /** First sync after sign-in (or a full resync) in progress. */
  readonly initial?: SyncProgress;
  /** A large upload in progress (UPLOAD_PROGRESS_MIN changes or more). */
  readonly upload?: UploadProgress;
  /** Local changes the server has not confirmed yet. */
  readonly pendingChanges: number;
  /** Local changes the server refused (permission); they stay on this device, listed by `sync.pending`. */
  readonly rejectedChanges: number;
  /** Epoch ms of the last moment everything was in sync (server time is not needed: it is display only). */
  readonly lastSyncedAt?: number;
};

export type PendingChange = {
  readonly collection: CrmCollectionName;
  readonly id: string;
  readonly title: string;
  /** The record's local `updatedAt`. */
  readonly changedAt: number;
  readonly deleted: boolean;
  /** Present when the server refused this change; the local copy keeps the user's values. */
  readonly error?: SyncError;
};

/** JSON value of a field; `null` means "the field was not set". */
export type FieldValue = string | number | boolean | null | ReadonlyArray<unknown> | { readonly [key: string]: unknown };

/**
 * One field both sides changed since their common ancestor. The server's value was kept (the
 * record shows it); the local value waits here for the user. `field` is `_deleted` when one side
 * deleted the record and the other edited it (the edit won, the record was restored).
 */
export type ConflictRecord = {
  readonly id: string;
  readonly collection: CrmCollectionName;
  readonly docId: string;
  readonly title: string;
  readonly field: string;
  readonly localValue: FieldValue;
  readonly serverValue: FieldValue;
  readonly ancestorValue: FieldValue;
  /** The signed-in user whose edit lost, and when they made it (local `updatedAt`). */
  readonly localUserId: string;
  readonly localChangedAt: number;
  /** Server revision and time of the winning value. The server does not say who wrote it (yet). */
  readonly serverRevision: number;
  readonly serverChangedAt: number;
  readonly serverChangedBy?: string;
  readonly detectedAt: number;
};

/** The signed-in user, as the sync server's token response describes them. */
export type AuthUser = Readonly<WireAuthUser>;

export type AuthSession = { readonly signedIn: false } | { readonly signedIn: true; readonly serverUrl: string; readonly user: AuthUser };

export type SignInResult = { readonly signedIn: true; readonly user: AuthUser } | { readonly signedIn: false; readonly error: SyncError };
