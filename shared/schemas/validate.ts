import type { z } from 'zod';

export type ValidationIssue = { readonly path: string; readonly message: string };

/** An error value the UI can show as is: a stable code, one readable sentence, and the details. */
export type ValidationError = {
  readonly code: 'invalid_document';
  readonly message: string;
  readonly issues: ReadonlyArray<ValidationIssue>;
};

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ValidationError };

/** Runs a zod schema and turns its issues into "field: problem" sentences instead of throwing. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, what: string): ParseResult<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(document)',
    message: issue.message,
  }));
  const message = `Invalid ${what}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`;
  return { ok: false, error: { code: 'invalid_document', message, issues } };
}
