import type { CrmError, ErrorCode } from '../../../shared/contract';

/** Thrown inside handlers when returning a Result through many layers would bury the logic. */
export class HandlerError extends Error {
  readonly code: ErrorCode;
  readonly reason: string | undefined;
  readonly reasonParams: Readonly<Record<string, number | string>> | undefined;

  /** `reason` (and its params): the rule that refused, for screens that say it in the user's language. */
  constructor(code: ErrorCode, message: string, reason?: string, reasonParams?: Readonly<Record<string, number | string>>) {
    super(message);
    this.name = 'HandlerError';
    this.code = code;
    this.reason = reason;
    this.reasonParams = reasonParams;
  }

  toError(): CrmError {
    return {
      code: this.code,
      message: this.message,
      ...(this.reason !== undefined ? { reason: this.reason } : {}),
      ...(this.reasonParams !== undefined ? { reasonParams: this.reasonParams } : {}),
    };
  }
}
