/**
 * Errors are values: a stable machine `code` the app can switch on, a `message` a person can read,
 * and the HTTP status they travel with. Handlers throw `HttpError` only to leave a request early;
 * the error handler turns it into the JSON body `{ code, message }`.
 */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'invalid_document'
  | 'invalid_checkpoint'
  | 'unknown_collection'
  | 'unsupported_schema_version'
  | 'upgrade_required'
  | 'resync_required'
  | 'unauthorized'
  | 'token_expired'
  | 'invalid_credentials'
  | 'refresh_token_invalid'
  | 'refresh_token_reused'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'scope_changed'
  | 'invalid_text'
  | 'internal';

export type ErrorBody = { code: ErrorCode; message: string; details?: unknown };

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export const badRequest = (code: ErrorCode, message: string, details?: unknown): HttpError => new HttpError(400, code, message, details);
