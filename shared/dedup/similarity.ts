import { distance } from 'fastest-levenshtein';
import type { NormalisedName } from './normalise';

/**
 * Name similarity in 0..1 for duplicate matching. Latin names take the better of two views: edit
 * distance over the whole canonical key (catches typos: "Globex" / "Globx") and token-set matching
 * (catches a missing or extra word, or a middle initial: "John A Smith" / "John Smith"). CJK names
 * have no spaces and few characters, so they compare character bigrams (Dice) and edit distance over
 * the characters. A Latin name never resembles a CJK one.
 */

/** Two words count as the same word from this edit similarity on ("logistics" / "logistcs"). */
const TOKEN_MATCH = 0.75;
/** Credit for an initial matching a word with that first letter ("J" / "John"). */
const INITIAL_CREDIT = 0.8;

/**
 * 1 - edit distance / longer length: 1 for equal strings, 0 for nothing in common. The distance is
 * Levenshtein's, except that two swapped neighbouring letters ("smiht") count as one slip, not two.
 */
export function editSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  let edits = distance(a, b);
  if (edits === 2 && isOneTransposition(a, b)) edits = 1;
  return 1 - edits / longest;
}

/** True when b is a with exactly one pair of neighbouring characters swapped. */
function isOneTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (i + 1 >= a.length || a[i] !== b[i + 1] || a[i + 1] !== b[i]) return false;
  return a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Dice coefficient over character bigrams (2·|shared| / (|A| + |B|)), counting repeated bigrams;
 * single-character strings are their own single "bigram".
 */
export function bigramDice(a: string, b: string): number {
  const gramsA = bigrams(a);
  const gramsB = bigrams(b);
  if (gramsA.length === 0 && gramsB.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const gram of gramsA) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  let shared = 0;
  for (const gram of gramsB) {
    const left = counts.get(gram) ?? 0;
    if (left > 0) {
      shared += 1;
      counts.set(gram, left - 1);
    }
  }
  return (2 * shared) / (gramsA.length + gramsB.length);
}

/** Character bigrams of a string; a one-character string is its own bigram. */
export function bigrams(text: string): string[] {
  const chars = [...text];
  if (chars.length < 2) return chars;
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(`${chars[i]}${chars[i + 1]}`);
  return grams;
}

/**
 * Token-set similarity: each word of the shorter name takes its best still-unused partner in the
 * other name (equal, within TOKEN_MATCH edit similarity, or an initial of it); the result is
 * 2·credit / (words in A + words in B), so extra words lower it in proportion.
 */
export function tokenSetSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const used = new Array<boolean>(long.length).fill(false);
  let credit = 0;
  for (const word of short) {
    let best = 0;
    let bestAt = -1;
    for (let j = 0; j < long.length; j++) {
      if (used[j]) continue;
      const other = long[j] ?? '';
      let score: number;
      if (word === other) score = 1;
      else if ((word.length === 1 || other.length === 1) && word[0] === other[0]) score = INITIAL_CREDIT;
      else {
        score = editSimilarity(word, other);
        if (score < TOKEN_MATCH) score = 0;
      }
      if (score > best) {
        best = score;
        bestAt = j;
        if (score === 1) break;
      }
    }
    if (bestAt >= 0) {
      used[bestAt] = true;
      credit += best;
    }
  }
  return (2 * credit) / (a.length + b.length);
}

/** How alike two normalised names are, 0..1; 1 exactly when the canonical keys are equal. */
export function nameSimilarity(a: NormalisedName, b: NormalisedName): number {
  if (a.key.length === 0 || b.key.length === 0) return 0;
  if (a.key === b.key) return 1;
  if (a.cjk !== b.cjk) return 0;
  if (a.cjk) return Math.min(0.99, Math.max(bigramDice(a.key, b.key), editSimilarity(a.key, b.key)));
  const compact = editSimilarity(a.tokens.join(''), b.tokens.join(''));
  return Math.min(0.99, Math.max(compact, tokenSetSimilarity(a.tokens, b.tokens)));
}
