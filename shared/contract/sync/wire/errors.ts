import { z } from 'zod';

/**
 * Machine codes of the sync server's error bodies. The server only ever sends one of these; the
 * client reads `code` as a plain string, so an older app still shows the message of a code it does
 * not know yet.
 */
export const SERVER_ERROR_CODES = [
  'bad_request',
  'invalid_json',
  'invalid_document',
  'invalid_checkpoint',
  'unknown_collection',
  'unsupported_schema_version',
  'upgrade_required',
  'resync_required',
  'unauthorized',
  'token_expired',
  'invalid_credentials',
  'refresh_token_invalid',
  'refresh_token_reused',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'scope_changed',
  'invalid_text',
  'server_shutdown',
  'internal',
] as const;

export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

/** Every non-2xx answer, and the `error` event that ends a live stream. */
export const errorBodySchema = z.object({ code: z.string().min(1), message: z.string(), details: z.unknown().optional() });
export type ErrorBody = { code: ServerErrorCode; message: string; details?: unknown };

/** Turns a failed parse into one line a person can act on: where it failed and why. */
export const describeIssues = (error: z.ZodError): string => {
  const issue = error.issues[0];
  if (!issue) return 'unexpected shape';
  const path = issue.path.map(String).join('.');
  return `${path || 'body'}: ${issue.message}`;
};
