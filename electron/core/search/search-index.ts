import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { buildAnyTermMatch, buildMatchPlan } from './search-query';
import { COLUMN_WEIGHTS, DOC_TABLE, FTS_TABLE, PHONE_TABLE, TYPE_MASK, ensureSearchSchema } from './search-schema';
import { SEARCH_TYPES, TYPE_CODE, UNPUBLISHED_ARTICLE_CODE, type SearchHit, type SearchOptions, type SearchType } from './search-types';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;
/**
 * Above this many matches a query is "broad" and is not scored with bm25. bm25 needs each
 * phrase's document count, i.e. a walk of its whole doclist: as-you-type prefixes like "s",
 * "info" or "555" match 100,000+ rows of a 400k-row index and cost 15-200 ms to score. A broad
 * query instead lists name matches, then other matches, newest first (a few index pages) —
 * what a rep typing one letter wants anyway. Below the cap the ranking is exact bm25.
 */
const BROAD_MATCHES = 1000;

type QueryParams = { match: string; mask: number; limit: number };
type HitRow = { key: number; id: string; title: string; subtitle: string; score: number };

/** Type of a key, from its low bits (search-schema.ts). */
const TYPE_OF_CODE = new Map<number, SearchType>([
  ...SEARCH_TYPES.map((type): [number, SearchType] => [TYPE_CODE[type], type]),
  [UNPUBLISHED_ARTICLE_CODE, 'article'],
]);

/** Bit set of type codes, so one prepared statement serves every combination of type filters. */
function typeMask(options: SearchOptions): number {
  const chosen = options.types === undefined || options.types.length === 0 ? SEARCH_TYPES : options.types;
  const mask = chosen.reduce((bits, type) => bits | (1 << TYPE_CODE[type]), 0);
  return options.unpublished === true && chosen.includes('article') ? mask | (1 << UNPUBLISHED_ARTICLE_CODE) : mask;
}

/**
 * Ranks and cuts inside FTS5; only the final page joins to search_doc. The type filter is a bit
 * test on the rowid's low bits (see search-schema.ts), so it costs no lookup per match.
 */
function rankedQuery(table: string, rank: string): string {
  return `
    SELECT d.key AS key, d.id AS id, d.title AS title, d.subtitle AS subtitle, -m.weighted AS score
    FROM (
      SELECT rowid, ${rank} AS weighted
      FROM ${table}
      WHERE ${table} MATCH @match AND ((1 << (rowid & ${TYPE_MASK})) & @mask) != 0
      ORDER BY weighted
      LIMIT @limit
    ) AS m
    JOIN ${DOC_TABLE} AS d ON d.key = m.rowid
    ORDER BY m.weighted, d.key`;
}

/** Broad queries: newest first, no scoring; `score` only keeps name matches above the rest. */
function newestQuery(table: string, score: number): string {
  return `
    SELECT d.key AS key, d.id AS id, d.title AS title, d.subtitle AS subtitle, ${score} AS score
    FROM (
      SELECT rowid FROM ${table}
      WHERE ${table} MATCH @match AND ((1 << (rowid & ${TYPE_MASK})) & @mask) != 0
      ORDER BY rowid DESC
      LIMIT @limit
    ) AS m
    JOIN ${DOC_TABLE} AS d ON d.key = m.rowid
    ORDER BY d.key DESC`;
}

/**
 * Adds `more` to `rows` without repeating a record (the first occurrence keeps its place unless
 * `byScore`, when a record found both ways keeps its better score and the list is re-sorted).
 */
function merge(rows: HitRow[], more: HitRow[], limit: number, byScore: boolean): HitRow[] {
  const byKey = new Map<number, HitRow>(rows.map((row) => [row.key, row]));
  for (const row of more) {
    const seen = byKey.get(row.key);
    if (!seen || (byScore && seen.score < row.score)) byKey.set(row.key, row);
  }
  const merged = [...byKey.values()];
  if (byScore) merged.sort((a, b) => b.score - a.score || a.key - b.key);
  return merged.slice(0, limit);
}

function toHits(rows: ReadonlyArray<HitRow>): SearchHit[] {
  const hits: SearchHit[] = [];
  for (const { key, id, title, subtitle, score } of rows) {
    const type = TYPE_OF_CODE.get(key & TYPE_MASK);
    if (type !== undefined) hits.push({ type, id, title, subtitle, score });
  }
  return hits;
}

/**
 * Read side of full-text search over the tables the search hook maintains.
 * Construct it on the storage's own connection so reads see committed writes at once.
 */
export class SearchIndex {
  private readonly textQuery: BetterSqlite3.Statement<[QueryParams], HitRow>;
  private readonly phoneQuery: BetterSqlite3.Statement<[QueryParams], HitRow>;
  private readonly countCapped: BetterSqlite3.Statement<[string], { n: number }>;
  private readonly newestText: BetterSqlite3.Statement<[QueryParams], HitRow>;
  private readonly newestPhone: BetterSqlite3.Statement<[QueryParams], HitRow>;
  private readonly db: BetterSqlite3.Database;

  constructor(db: BetterSqlite3.Database) {
    this.db = db;
    ensureSearchSchema(db);
    const weights = [COLUMN_WEIGHTS.name, COLUMN_WEIGHTS.detail, COLUMN_WEIGHTS.notes].join(', ');
    this.textQuery = db.prepare(rankedQuery(FTS_TABLE, `bm25(${FTS_TABLE}, ${weights})`));
    this.phoneQuery = db.prepare(rankedQuery(PHONE_TABLE, `bm25(${PHONE_TABLE})`));
    this.countCapped = db.prepare(
      `SELECT count(*) AS n FROM (SELECT 1 FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ? LIMIT ${BROAD_MATCHES + 1})`,
    );
    this.newestText = db.prepare(newestQuery(FTS_TABLE, 1));
    this.newestPhone = db.prepare(newestQuery(PHONE_TABLE, 1));
  }

  /** Best matches first. Any input is safe: it is never interpreted as FTS5 syntax. */
  search(text: string, options: SearchOptions = {}): SearchHit[] {
    const plan = buildMatchPlan(text);
    if (plan === null) return [];
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(options.limit ?? DEFAULT_LIMIT)));
    const mask = typeMask(options);
    const broad = (this.countCapped.get(plan.text)?.n ?? 0) > BROAD_MATCHES;
    let rows: HitRow[];
    if (broad) {
      // Phone matches first for digit input, then name matches, then the rest; each newest first.
      rows = plan.phone === null ? [] : this.newestPhone.all({ match: plan.phone, mask, limit }).map((row) => ({ ...row, score: 3 }));
      const names = this.newestText.all({ match: `{name} : (${plan.text})`, mask, limit }).map((row) => ({ ...row, score: 2 }));
      rows = merge(rows, names, limit, false);
      if (rows.length < limit) rows = merge(rows, this.newestText.all({ match: plan.text, mask, limit }), limit, false);
    } else {
      rows = this.textQuery.all({ match: plan.text, mask, limit });
      if (plan.phone !== null) rows = merge(rows, this.phoneQuery.all({ match: plan.phone, mask, limit }), limit, true);
    }
    return toHits(rows);
  }

  /**
   * Records matching any of `terms` (each a prefix phrase, as in search), always ranked by bm25 so
   * a record matching more and rarer terms comes first: for suggestions from free text, where
   * "newest first" would say nothing about relevance.
   */
  searchAnyOf(terms: ReadonlyArray<string>, options: SearchOptions = {}): SearchHit[] {
    const match = buildAnyTermMatch(terms);
    if (match === null) return [];
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(options.limit ?? DEFAULT_LIMIT)));
    return toHits(this.textQuery.all({ match, mask: typeMask(options), limit }));
  }

  /** Merges FTS segments into one b-tree; worth running once after a bulk load (faster queries). */
  optimize(): void {
    for (const table of [FTS_TABLE, PHONE_TABLE]) this.db.prepare(`INSERT INTO ${table}(${table}) VALUES ('optimize')`).run();
  }
}
