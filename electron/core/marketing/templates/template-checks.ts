import type { TemplateValues } from '../../../../shared/contract/marketing/templates-requests';
import { parseTemplate, type TemplateError } from '../../../../shared/marketing/parse-template';
import { HandlerError } from '../../rpc/handler-error';

export type TemplatePart = 'subject' | 'body';

/** One parse mistake in words a log or an error detail can show, e.g. `body, line 3: unknown merge field "contact.frstName" (did you mean contact.firstName?)`. */
export function describeTemplateError(part: TemplatePart, error: TemplateError): string {
  const where = `${part}, line ${error.line}, column ${error.column}`;
  switch (error.code) {
    case 'unknown_field':
      return `${where}: unknown merge field "${error.field ?? ''}"${error.suggestion ? ` (did you mean ${error.suggestion}?)` : ''}`;
    case 'unclosed_field':
      return `${where}: "{{" is not closed with "}}" on the same line`;
    case 'empty_field':
      return `${where}: empty merge field "{{}}"`;
  }
}

/** The parse mistakes of a template's subject and body, subject first. */
export function templateErrors(values: Pick<TemplateValues, 'subject' | 'body'>): Array<{ part: TemplatePart; error: TemplateError }> {
  const found: Array<{ part: TemplatePart; error: TemplateError }> = [];
  for (const part of ['subject', 'body'] as const) {
    const parsed = parseTemplate(values[part]);
    if (!parsed.ok) for (const error of parsed.errors) found.push({ part, error });
  }
  return found;
}

/**
 * Refuses (before anything is written) a template whose subject or body does not parse, or whose
 * subject holds a line break (it becomes a mail header). The message lists every mistake in
 * words; `reason` lets a screen say it in the user's language, `reasonParams` carries the first.
 */
export function requireValidTemplate(values: Pick<TemplateValues, 'subject' | 'body'>): void {
  if (/[\r\n]/.test(values.subject)) {
    throw new HandlerError('invalid_request', 'subject: a subject is one line; nothing was saved.', 'template_subject_line_break');
  }
  const errors = templateErrors(values);
  const first = errors[0];
  if (!first) return;
  const words = errors.map(({ part, error }) => describeTemplateError(part, error));
  throw new HandlerError(
    'invalid_request',
    `The template has ${errors.length} mistake(s); nothing was saved. ${words.join('; ')}`,
    'template_invalid',
    {
      count: errors.length,
      part: first.part,
      code: first.error.code,
      line: first.error.line,
      column: first.error.column,
      ...(first.error.field !== undefined ? { field: first.error.field } : {}),
      ...(first.error.suggestion !== undefined ? { suggestion: first.error.suggestion } : {}),
    },
  );
}
