import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../shared/contract/service/knowledge-requests';
import { hasTokenChar, splitQueryTerms } from '../search/search-text';

/**
 * Text work for knowledge search on the original article text: where the query matched (for
 * highlighting), a snippet of the body around the matches, and the terms a case suggests.
 * The index stores CJK characters one token each (search-text.ts); matching here reads the text
 * as written, so a snippet shows "打印机卡纸", never the index's "打 印 机 卡 纸".
 */

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const CJK_CHAR = new RegExp(`^[${CJK}]$`, 'u');
/** A letter or digit of a word (a CJK character is a word of its own, as in the index). */
const WORD = `(?:(?![${CJK}])[\\p{L}\\p{N}])`;
const TOKEN = new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}])+`, 'gu');

const MARKERS = new RegExp(`[${HIGHLIGHT_START}${HIGHLIGHT_END}]`, 'g');

/** Article text never holds the highlight markers, so a snippet's markers are always ours. */
export function stripMarkers(text: string): string {
  return text.replace(MARKERS, '');
}

// Control characters are part of ASCII here.
// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\u0000-\u007f]*$/;

/** Folds one non-ASCII character the way the index does (compatibility forms, case, diacritics). */
function foldChar(char: string): string {
  const code = char.codePointAt(0) as number;
  // CJK Unified Ideographs fold to themselves: most characters of Chinese articles skip normalize().
  if (code >= 0x4e00 && code <= 0x9fff) return char;
  return char.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

type Folded = { readonly folded: string; readonly offsets: ReadonlyArray<number> | null };

/**
 * The folded text, with the original offset of every folded character (and the end); `offsets`
 * is null when folding kept every offset (ASCII text: lower case only).
 */
function foldWithOffsets(text: string): Folded {
  if (ASCII_ONLY.test(text)) return { folded: text.toLowerCase(), offsets: null };
  let folded = '';
  const offsets: number[] = [];
  let at = 0;
  for (const char of text) {
    const part = char.length === 1 && char.charCodeAt(0) < 0x80 ? char.toLowerCase() : foldChar(char);
    for (let i = 0; i < part.length; i++) offsets.push(at);
    folded += part;
    at += char.length;
  }
  offsets.push(at);
  return { folded, offsets };
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One query term as a pattern: its tokens adjacent in order, the last one a prefix (as FTS5 reads `"…"*`). */
function termPattern(term: string): string | null {
  const tokens = [...foldWithOffsets(term).folded.matchAll(TOKEN)].map((m) => m[0]);
  if (tokens.length === 0) return null;
  let pattern = '';
  tokens.forEach((token, index) => {
    const cjk = CJK_CHAR.test(token);
    const last = index === tokens.length - 1;
    if (index === 0) pattern += cjk ? '' : `(?<!${WORD})`;
    else pattern += '[^\\p{L}\\p{N}]*';
    pattern += escapeRegex(token);
    if (!cjk) pattern += last ? `${WORD}*` : `(?!${WORD})`;
  });
  return pattern;
}

export type Range = readonly [start: number, end: number];

/** Finds where a search's terms occur in a text; null when the query has no searchable term. */
export type Matcher = (text: string) => Range[];

export function createMatcher(query: string): Matcher | null {
  const patterns = splitQueryTerms(query.slice(0, 200))
    .filter(hasTokenChar)
    .slice(0, 12)
    .map(termPattern)
    .filter((p): p is string => p !== null);
  if (patterns.length === 0) return null;
  const regex = new RegExp(patterns.map((p) => `(?:${p})`).join('|'), 'gu');
  return (text) => {
    const { folded, offsets } = foldWithOffsets(text);
    const ranges: Range[] = [];
    for (const match of folded.matchAll(regex)) {
      if (match[0].length === 0) continue;
      const start = offsets ? (offsets[match.index] as number) : match.index;
      const end = offsets ? (offsets[match.index + match[0].length] as number) : match.index + match[0].length;
      const previous = ranges[ranges.length - 1];
      if (previous && start <= previous[1]) ranges[ranges.length - 1] = [previous[0], Math.max(previous[1], end)];
      else ranges.push([start, end]);
    }
    return ranges;
  };
}

/** Marks the ranges (sorted, disjoint) of `text[from, to)` with the highlight characters. */
function mark(text: string, ranges: ReadonlyArray<Range>, from = 0, to = text.length): string {
  let out = '';
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    out += text.slice(at, s) + HIGHLIGHT_START + text.slice(s, e) + HIGHLIGHT_END;
    at = e;
  }
  return out + text.slice(at, to);
}

export function highlight(text: string, matcher: Matcher | null): string {
  return matcher ? mark(text, matcher(text)) : text;
}

/**
 * Markdown as the reader sees it, for snippets: markup, link targets and images dropped,
 * whitespace collapsed. Not a renderer: only good enough that a snippet reads as prose.
 */
export function markdownToPlain(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n?/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>\n]*>/g, ' ')
    .replace(/^\s{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/[*_~`|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const SNIPPET_CHARS = 180;
/** Context kept before the first match in a snippet. */
const LEAD_CHARS = 40;
/** Snippets look at the start of very long bodies only. */
const SCAN_CHARS = 20_000;

/**
 * A passage of `plain` around its densest cluster of matches, matches marked; the start of the
 * text when nothing matched (the article matched on its title or tags).
 */
export function snippetOf(plain: string, matcher: Matcher | null): string {
  const text = plain.slice(0, SCAN_CHARS);
  const ranges = matcher ? matcher(text) : [];
  let from = 0;
  if (ranges.length > 0) {
    let best = 0;
    let bestCount = 0;
    for (let i = 0; i < ranges.length; i++) {
      let count = 0;
      const limit = (ranges[i] as Range)[0] + SNIPPET_CHARS - LEAD_CHARS;
      for (let j = i; j < ranges.length && (ranges[j] as Range)[1] <= limit; j++) count++;
      if (count > bestCount) [best, bestCount] = [i, count];
    }
    from = Math.max(0, (ranges[best] as Range)[0] - LEAD_CHARS);
    // Start on a word boundary in spaced text; CJK text has none to look for.
    const space = text.indexOf(' ', from);
    if (from > 0 && space !== -1 && space < (ranges[best] as Range)[0]) from = space + 1;
  }
  const to = Math.min(text.length, from + SNIPPET_CHARS);
  return (from > 0 ? '…' : '') + mark(text, ranges, from, to) + (to < plain.length ? '…' : '');
}

const STOP_WORDS = new Set(
  (
    'the and for with from that this have has had not are was were will would can could should when what which who how ' +
    'why where there their them they you your our its it’s into onto over under after before about again also any all ' +
    'but our out off just than then too very please thanks thank hello dear customer issue problem help need needs ' +
    'does did doing done get got getting use used using one two some more most other such only own same been being'
  ).split(' '),
);
/** Characters that carry little meaning on their own in Chinese text. */
const CJK_STOP = new Set('的了是在我你他她它们有和与及或不也这那个吗呢吧啊就都而且请问一'.split(''));
const MAX_SUGGEST_TERMS = 12;

/**
 * Informative terms of a case's subject and description, subject first: Latin words of three
 * letters or more that are not common words (longest first), and two-character CJK pairs without
 * function characters (the index matches a pair as a phrase, so "打印" finds "打印机").
 */
export function suggestTerms(subject: string, description: string): string[] {
  const words: string[] = [];
  const pairs: string[] = [];
  for (const source of [subject, description.slice(0, 2000)]) {
    const latin: string[] = [];
    for (const [token] of source.normalize('NFKC').matchAll(TOKEN)) {
      const word = token.toLowerCase();
      if (!CJK_CHAR.test(word) && word.length >= 3 && !/^\d+$/.test(word) && !STOP_WORDS.has(word)) latin.push(word);
    }
    latin.sort((a, b) => b.length - a.length);
    words.push(...latin);
    for (const [run] of source.normalize('NFKC').matchAll(new RegExp(`[${CJK}]+`, 'gu'))) {
      const chars = [...run];
      for (let i = 0; i + 1 < chars.length; i++) {
        const a = chars[i] as string;
        const b = chars[i + 1] as string;
        if (!CJK_STOP.has(a) && !CJK_STOP.has(b)) pairs.push(a + b);
      }
    }
  }
  const unique = [...new Set([...words.slice(0, 8), ...pairs])];
  return unique.slice(0, MAX_SUGGEST_TERMS);
}
