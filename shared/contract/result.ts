/**
 * Errors cross the contract as values, never as thrown exceptions: every request resolves to a
 * Result, and the UI maps `code` to translated text (renderer/src/i18n: `errors.<code>`), showing
 * `message` only as detail for the curious.
 */
export type ErrorCode =
  /** Params failed the contract schema; `message` names the field. Nothing was written. */
  | 'invalid_request'
  /** No handler has this name (an old renderer talking to a newer core, or a typo). */
  | 'unknown_request'
  | 'not_found'
  /** The record changed since the caller read it (revision mismatch). */
  | 'conflict'
  /** The record cannot be restored or changed in its current state (e.g. restore of a live record). */
  | 'invalid_state'
  | 'forbidden'
  /** The transport to the core is gone (window closing, browser host stopped). */
  | 'disconnected'
  /** A bug or an environment failure inside the core; `message` carries the cause. */
  | 'internal';

export type CrmError = {
  readonly code: ErrorCode;
  readonly message: string;
  /**
   * Where a screen explains a refusal in the user's language: which rule refused it (e.g. a case
   * workflow move, shared/service/case-workflow.ts) and the numbers the sentence needs.
   */
  readonly reason?: string;
  readonly reasonParams?: Readonly<Record<string, number | string>>;
};

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CrmError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
