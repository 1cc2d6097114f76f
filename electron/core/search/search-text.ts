/**
 * Text preparation shared by indexing and querying. Both sides must agree exactly, so every
 * transformation lives here and nowhere else.
 */

/**
 * Scripts written without spaces between words. unicode61 would make a whole run one token
 * ("张伟" → one token), so "张" or "伟" alone could never match. We index each such character as
 * its own token and query a CJK run as a phrase of single characters: an exact substring match
 * for any length, including one character (trigram would need ≥ 3).
 */
const CJK_CHAR = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])/gu;

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

/** Prepares a value for the FTS index: folded, CJK characters separated by spaces. */
export function prepareIndexText(text: string): string {
  return ASCII_ONLY.test(text) ? text : text.normalize('NFKC').replace(CJK_CHAR, ' $1 ');
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
  return `"${prepareIndexText(term).replace(/"/g, '""')}"*`;
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
