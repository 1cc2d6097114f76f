import { closest, distance } from 'fastest-levenshtein';
import { MERGE_FIELD_NAMES, isMergeFieldName, type MergeFieldName } from './merge-fields';

export type TemplateToken =
  | { kind: 'text'; text: string; start: number }
  | {
      kind: 'field';
      name: MergeFieldName;
      /** The text after `|`, trimmed; used when the recipient has no value for the field. */
      fallback: string | undefined;
      start: number;
      end: number;
    };

export type TemplateErrorCode = 'unknown_field' | 'unclosed_field' | 'empty_field';

/**
 * A mistake in a template, located so the editor can point at it: `start`/`end` are offsets in
 * the text (UTF-16 code units, as a textarea counts them), `line` and `column` are 1-based.
 * `message` is English for logs; the editor words it through i18n from `code`, `field` and
 * `suggestion`.
 */
export type TemplateError = {
  code: TemplateErrorCode;
  start: number;
  end: number;
  line: number;
  column: number;
  /** The field name as written, for `unknown_field`. */
  field?: string;
  /** The known field the unknown name most resembles, when one is close. */
  suggestion?: MergeFieldName;
  message: string;
};

export type ParsedTemplate = { ok: true; tokens: TemplateToken[] } | { ok: false; errors: TemplateError[] };

const OPEN = '{{';
const CLOSE = '}}';

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

/** The known name an unknown one was probably meant to be: same letters in another case, or a small typo. */
function suggestFor(name: string): MergeFieldName | undefined {
  const sameLetters = MERGE_FIELD_NAMES.find((known) => known.toLowerCase() === name.toLowerCase());
  if (sameLetters) return sameLetters;
  const nearest = closest(name, MERGE_FIELD_NAMES) as MergeFieldName;
  return distance(name, nearest) <= Math.max(2, Math.floor(name.length / 5)) ? nearest : undefined;
}

/**
 * Splits a template into literal text and merge fields (`{{contact.firstName}}`, or
 * `{{contact.firstName | there}}` with a fallback). A field lies on one line; `{{` without a
 * closing `}}` on that line, an empty field and a name outside MERGE_FIELDS are errors, all of
 * them reported at once.
 */
export function parseTemplate(text: string): ParsedTemplate {
  const tokens: TemplateToken[] = [];
  const errors: TemplateError[] = [];
  const fail = (code: TemplateErrorCode, start: number, end: number, message: string, extra: Partial<TemplateError> = {}): void => {
    errors.push({ code, start, end, ...position(text, start), message, ...extra });
  };
  let cursor = 0;
  while (cursor < text.length) {
    const open = text.indexOf(OPEN, cursor);
    if (open === -1) {
      tokens.push({ kind: 'text', text: text.slice(cursor), start: cursor });
      break;
    }
    if (open > cursor) tokens.push({ kind: 'text', text: text.slice(cursor, open), start: cursor });
    const close = text.indexOf(CLOSE, open + OPEN.length);
    const lineEnd = text.indexOf('\n', open + OPEN.length);
    const nextOpen = text.indexOf(OPEN, open + OPEN.length);
    const stops = [lineEnd, nextOpen].filter((at) => at !== -1);
    const firstStop = stops.length > 0 ? Math.min(...stops) : text.length;
    if (close === -1 || close > firstStop) {
      fail('unclosed_field', open, firstStop, `"{{" at line ${position(text, open).line} is not closed with "}}"`);
      tokens.push({ kind: 'text', text: text.slice(open, firstStop), start: open });
      cursor = firstStop;
      continue;
    }
    const end = close + CLOSE.length;
    const inner = text.slice(open + OPEN.length, close);
    const pipe = inner.indexOf('|');
    const name = (pipe === -1 ? inner : inner.slice(0, pipe)).trim();
    const fallback = pipe === -1 ? undefined : inner.slice(pipe + 1).trim();
    if (name.length === 0) {
      fail('empty_field', open, end, `empty merge field at line ${position(text, open).line}`);
    } else if (!isMergeFieldName(name)) {
      const suggestion = suggestFor(name);
      fail('unknown_field', open, end, `unknown merge field "${name}" at line ${position(text, open).line}`, {
        field: name,
        ...(suggestion ? { suggestion } : {}),
      });
    } else {
      tokens.push({ kind: 'field', name, fallback, start: open, end });
    }
    cursor = end;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, tokens };
}
