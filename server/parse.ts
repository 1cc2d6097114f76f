import type { z } from 'zod';
import { badRequest, type ErrorCode } from './errors';

/** Validates input with zod and turns its issues into a 400 `{ code, message, details }`. */
export const parseBody = <S extends z.ZodType>(schema: S, value: unknown, code: ErrorCode = 'bad_request'): z.infer<S> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = issues[0];
  throw badRequest(code, first ? `${first.path || 'body'}: ${first.message}` : 'invalid input', issues);
};
