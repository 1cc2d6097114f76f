import type { CrmError, ErrorCode } from '../../../shared/contract';

/** Thrown inside handlers when returning a Result through many layers would bury the logic. */
export class HandlerError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'HandlerError';
    this.code = code;
  }

  toError(): CrmError {
    return { code: this.code, message: this.message };
  }
}
