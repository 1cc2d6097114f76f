import { z } from 'zod';
import { request } from '../define-request';
import type { AuthSession, ConflictRecord, PendingChange, SignInResult, SyncStatus } from './sync-types';

const conflictIdSchema = z.string().min(1).max(64);

/**
 * Sync and sign-in. Expected failures (wrong password, server unreachable, app too old) come back
 * as values inside an ok result with a SyncError code, so the UI can say exactly what happened.
 */
export const syncRequests = {
  'sync.status': request(z.strictObject({})).returns<SyncStatus>(),
  /** Skips every backoff wait, probes the server and re-pulls all collections; resolves at once. */
  'sync.now': request(z.strictObject({})).returns<SyncStatus>(),
  /** Unconfirmed and refused local changes, newest first. */
  'sync.pending': request(z.strictObject({ limit: z.int().min(1).max(1000).default(200) })).returns<{
    readonly changes: ReadonlyArray<PendingChange>;
    readonly total: number;
  }>(),
  'conflicts.list': request(z.strictObject({ limit: z.int().min(1).max(1000).default(200) })).returns<{
    readonly conflicts: ReadonlyArray<ConflictRecord>;
    readonly total: number;
  }>(),
  /** `local` applies the local value as a normal edit that then syncs; `server` keeps what is there. */
  'conflicts.resolve': request(z.strictObject({ id: conflictIdSchema, use: z.enum(['local', 'server']) })).returns<{
    readonly id: string;
    readonly applied: boolean;
  }>(),
  'auth.signIn': request(
    z.strictObject({
      serverUrl: z.url({ protocol: /^https?$/ }).max(2048),
      email: z.string().min(1).max(254),
      password: z.string().min(1).max(1024),
    }),
  ).returns<SignInResult>(),
  /** `wipe` removes every local record of this user (unsynced changes included) after stopping sync. */
  'auth.signOut': request(z.strictObject({ wipe: z.boolean().default(false) })).returns<{
    readonly signedOut: true;
    readonly wiped: boolean;
  }>(),
  'auth.session': request(z.strictObject({})).returns<AuthSession>(),
} as const;
