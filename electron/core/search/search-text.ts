/**
 * Text preparation shared by indexing and querying. Both sides must agree exactly, so every
 * transformation lives here and nowhere else.
 */

/**
 * Scripts written without spaces between words. unicode61 would make a whole run one token
 * ("打印机卡纸" → one token), so a word inside it could never match. We index each run as its
 * overlapping character pairs plus its last character ("打印 印机 机卡 卡纸 纸"), and query a run as
 * its pairs in a phrase: an exact substring match of any length. Pairs, not single characters,
 * because a common character occurs in nearly every Chinese document: a phrase of single
 * characters walks every position of each, a pair's doclist is short. Every character starts a
 * token (a pair, or the run's last character), so a one-character query is a prefix match.
 */
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

/** A run's tokens: its pairs, and its last character unless `open` (a query's run that may continue). */
function runTokens(run: string, open: boolean): string {
  const chars = [...run];
  if (chars.length === 1) return ` ${run} `;
  const tokens: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) tokens.push((chars[i] as string) + (chars[i + 1] as string));
  if (!open) tokens.push(chars[chars.length - 1] as string);
  return ` ${tokens.join(' ')} `;
}

/** A token needs at least one letter or digit; anything else is dropped by the tokenizer. */
const HAS_TOKEN_CHAR = /[\p{L}\p{N}]/u;

/** ASCII is already NFKC and holds no CJK: most indexed values, which then skip both passes. */
// Control characters are part of ASCII here.
// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\u0000-\u007f]*$/;

/** Full-width forms, ligatures and compatibility characters fold to one spelling (ｚｈａｎｇ → zhang). */
function fold(text: string): string {
  return ASCII_ONLY.test(text) ? text : text.normalize('NFKC');
}

/** Prepares a value for the FTS index: folded, CJK runs as character pairs (see runTokens). */
export function prepareIndexText(text: string): string {
  return ASCII_ONLY.test(text) ? text : text.normalize('NFKC').replace(CJK_RUN, (run) => runTokens(run, false));
}

/**
 * One query term as the index holds it, except that a CJK run ending the term leaves out its last
 * character: the term is a prefix, so "卡纸" must also match inside "卡纸网关" (卡纸 纸网 网关 关),
 * where no token "纸" follows "卡纸".
 */
function prepareQueryTerm(term: string): string {
  if (ASCII_ONLY.test(term)) return term;
  const folded = term.normalize('NFKC');
  return folded.replace(CJK_RUN, (run, offset: number) => runTokens(run, !HAS_TOKEN_CHAR.test(folded.slice(offset + run.length))));
}

export function hasTokenChar(text: string): boolean {
  return HAS_TOKEN_CHAR.test(text);
}

/** Splits user input into terms on whitespace; CJK runs stay inside their term (they become phrases). */
export function splitQueryTerms(text: string): string[] {
  return fold(text)
    .split(/\s+/u)
    .filter((term) => term.length > 0);
}

/**
 * Quotes one user term as an FTS5 prefix phrase. Inside an FTS5 string only `"` is special
 * (escaped by doubling), so `*`, `AND`, `NEAR`, `(`, `:` typed by the user stay plain text; the
 * tokenizer then splits "acme.co" into the phrase acme + co, matching the indexed domain.
 */
export function quoteTerm(term: string): string {
  return `"${prepareQueryTerm(term).replace(/"/g, '""')}"*`;
}

export function digitsOf(text: string): string {
  return fold(text).replace(/\D/gu, '');
}

/** Shortest digit query that searches the phone table: trigram matching needs 3 characters. */
export const MIN_PHONE_DIGITS = 3;

/**
 * Indexed form of a phone number: its digits only, so "+1 (555) 010-0123" is "15550100123". The
 * phone table uses the trigram tokenizer, which makes a quoted query a substring match: "555-01",
 * "+1 555" and "0123" (as digits) all find it, whatever punctuation either side used.
 */
export function phoneDigits(phone: string): string {
  return digitsOf(phone);
}

/** True when the input reads as a phone number: only digits and phone punctuation. */
export function isPhoneLike(text: string): boolean {
  const folded = fold(text).trim();
  return /^[\d\s+\-()./]+$/u.test(folded) && digitsOf(folded).length >= MIN_PHONE_DIGITS;
}
