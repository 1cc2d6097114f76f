import { digitsOf, hasTokenChar, isPhoneLike, quoteTerm, splitQueryTerms } from './search-text';

/** Bounds on what one keystroke can make SQLite do; longer input adds nothing to a search box. */
const MAX_QUERY_CHARS = 200;
const MAX_TERMS = 12;

/** MATCH expressions for one search: always the text table, the phone table for phone-like input. */
export type MatchPlan = {
  readonly text: string;
  readonly phone: string | null;
};

/**
 * Turns what a user typed into FTS5 MATCH expressions, or null when nothing is searchable.
 *
 * Every term is a quoted prefix phrase (see quoteTerm), terms are ANDed, so the result is always
 * valid FTS5 syntax whatever the input. Phone-like input ("+1 555", "555-01") is also searched as
 * one digit string in the trigram phone table (substring match).
 */
export function buildMatchPlan(text: string): MatchPlan | null {
  const input = text.slice(0, MAX_QUERY_CHARS);
  const terms = splitQueryTerms(input).filter(hasTokenChar).slice(0, MAX_TERMS);
  if (terms.length === 0) return null;

  if (isPhoneLike(input)) {
    // One phrase: "555 01" must stay adjacent as in "555-0100", not two unrelated prefixes.
    // Trigram: a quoted digit string is a substring match (no `*`: trigram has no prefix queries).
    return { text: quoteTerm(terms.join(' ')), phone: `"${digitsOf(input)}"` };
  }
  return { text: terms.map(quoteTerm).join(' AND '), phone: null };
}

/** Terms ORed (each a prefix phrase, never FTS5 syntax), or null when none is searchable. */
export function buildAnyTermMatch(terms: ReadonlyArray<string>): string | null {
  const usable = terms
    .flatMap((term) => splitQueryTerms(term.slice(0, MAX_QUERY_CHARS)))
    .filter(hasTokenChar)
    .slice(0, MAX_TERMS);
  return usable.length === 0 ? null : usable.map(quoteTerm).join(' OR ');
}
