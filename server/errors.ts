import type { ErrorBody, ServerErrorCode } from '../shared/contract/sync/wire/errors';

/**
 * Errors are values: a stable machine `code` the app can switch on, a `message` a person can read,
 * and the HTTP status they travel with. Handlers throw `HttpError` only to leave a request early;
 * the error handler turns it into the JSON body `{ code, message }` of the shared wire schema.
 */
export type ErrorCode = ServerErrorCode;
export type { ErrorBody };

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
