import { readFileSync } from 'node:fs';
import type { MangoQuery } from 'rxdb';
import type { Account } from '../shared/schemas';
import { CRM_DATABASE_NAME, openCrmDatabase } from '../electron/core/db/open-crm-database';
import { SearchIndex } from '../electron/core/search';
import type { SearchType } from '../electron/core/search';
import { createSearchHook } from '../electron/core/search';
import { readKeyFile } from '../electron/core/security/database-key';
import { getRxStorageSqlite } from '../electron/core/storage/sqlite';
import { nowMs, percentile, round } from './bench-stats';

/** What the parent hands over: the queries to run, so both halves agree on the workload. */
export type ChildWorkload = {
  readonly directory: string;
  readonly pageQueries: ReadonlyArray<MangoQuery<Account>>;
  readonly descQueries: ReadonlyArray<MangoQuery<Account>>;
  /** Two filters + a sort either way; timed as the page plus its total count, as the list shows both. */
  readonly comboQueries: ReadonlyArray<MangoQuery<Account>>;
  /** Up to four filters of one to three values each, any sort either way: the page, and the count apart. */
  readonly anyFilterQueries: ReadonlyArray<MangoQuery<Account>>;
  readonly searches: ReadonlyArray<{ readonly text: string; readonly types?: SearchType[] }>;
  readonly singleInserts: ReadonlyArray<Account>;
};

export type ChildResult = {
  cold_open_first_query_ms: number;
  page_query_p50_ms: number;
  page_query_p95_ms: number;
  page_query_desc_p50_ms: number;
  page_query_desc_p95_ms: number;
  page_query_combo_count_p50_ms: number;
  page_query_combo_count_p95_ms: number;
  page_query_any_filter_p50_ms: number;
  page_query_any_filter_p95_ms: number;
  count_any_filter_p50_ms: number;
  count_any_filter_p95_ms: number;
  fts_p50_ms: number;
  fts_p95_ms: number;
  fts_avg_hits: number;
  single_insert_p50_ms: number;
  single_insert_p95_ms: number;
  /** The slowest of them: a stall a user would feel (a merge or checkpoint inside one commit) hides from p95. */
  single_insert_max_ms: number;
  rss_mb: number;
};

/**
 * In the app every query, search and save reaches the core as a message of its own, so its event
 * loop turns between them, and timers (the storage's idle upkeep, idle-upkeep.ts) run in those
 * turns. A loop of awaited calls that settle at once never turns it; this does, untimed.
 */
function betweenRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs in a fresh process so the open is cold (no module-level caches, no open connection) and
 * RSS is that of an app that opened the existing database and queried it.
 */
async function main(workloadFile: string): Promise<void> {
  const workload = JSON.parse(readFileSync(workloadFile, 'utf8')) as ChildWorkload;
  const databaseKey = readKeyFile(workload.directory);
  if (!databaseKey) throw new Error(`no key file in ${workload.directory}`);
  const start = nowMs();
  const storage = getRxStorageSqlite({ directory: workload.directory, hooks: [createSearchHook()], databaseKey });
  const db = await openCrmDatabase({ directory: workload.directory, storage });
  const firstPage = await db.accounts.find({ selector: {}, sort: [{ name: 'asc' }], limit: 50 }).exec();
  const coldOpen = nowMs() - start;
  if (firstPage.length !== 50) throw new Error(`first page has ${firstPage.length} rows`);

  const timeQueries = async (queries: ReadonlyArray<MangoQuery<Account>>): Promise<number[]> => {
    const samples: number[] = [];
    for (const query of queries) {
      await betweenRequests();
      const t = nowMs();
      await db.accounts.find(query).exec();
      samples.push(nowMs() - t);
    }
    return samples;
  };
  const page = await timeQueries(workload.pageQueries);
  const desc = await timeQueries(workload.descQueries);
  const combo: number[] = [];
  for (const query of workload.comboQueries) {
    await betweenRequests();
    const t = nowMs();
    await db.accounts.find(query).exec();
    await db.accounts.count({ selector: query.selector }).exec();
    combo.push(nowMs() - t);
  }

  const anyPage = await timeQueries(workload.anyFilterQueries);
  const anyCount: number[] = [];
  for (const query of workload.anyFilterQueries) {
    await betweenRequests();
    const t = nowMs();
    await db.accounts.count({ selector: query.selector }).exec();
    anyCount.push(nowMs() - t);
  }

  const connection = storage.getConnection(CRM_DATABASE_NAME);
  if (!connection) throw new Error('no SQLite connection');
  const index = new SearchIndex(connection);
  const fts: number[] = [];
  let hits = 0;
  for (const { text, types } of workload.searches) {
    await betweenRequests();
    const t = nowMs();
    hits += index.search(text, { types, limit: 20 }).length;
    fts.push(nowMs() - t);
  }
  const slowest = workload.searches.map((s, i) => `${JSON.stringify(s.text)} ${round(fts[i] ?? 0)}ms`);
  const order = fts
    .map((ms, i) => [ms, i] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, 6);
  process.stderr.write(`[bench] slowest searches: ${order.map(([, i]) => slowest[i]).join(', ')}\n`);

  const inserts: number[] = [];
  for (const doc of workload.singleInserts) {
    await betweenRequests();
    const t = nowMs();
    await db.accounts.insert(doc);
    inserts.push(nowMs() - t);
  }

  const result: ChildResult = {
    cold_open_first_query_ms: round(coldOpen),
    page_query_p50_ms: round(percentile(page, 50)),
    page_query_p95_ms: round(percentile(page, 95)),
    page_query_desc_p50_ms: round(percentile(desc, 50)),
    page_query_desc_p95_ms: round(percentile(desc, 95)),
    page_query_combo_count_p50_ms: round(percentile(combo, 50)),
    page_query_combo_count_p95_ms: round(percentile(combo, 95)),
    page_query_any_filter_p50_ms: round(percentile(anyPage, 50)),
    page_query_any_filter_p95_ms: round(percentile(anyPage, 95)),
    count_any_filter_p50_ms: round(percentile(anyCount, 50)),
    count_any_filter_p95_ms: round(percentile(anyCount, 95)),
    fts_p50_ms: round(percentile(fts, 50)),
    fts_p95_ms: round(percentile(fts, 95)),
    fts_avg_hits: round(hits / Math.max(1, fts.length), 1),
    single_insert_p50_ms: round(percentile(inserts, 50)),
    single_insert_p95_ms: round(percentile(inserts, 95)),
    single_insert_max_ms: round(Math.max(...inserts)),
    rss_mb: round(process.memoryUsage().rss / 1024 / 1024, 1),
  };
  await db.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const file = process.argv[2];
if (file === undefined) throw new Error('usage: bench-child.ts <workload.json>');
await main(file);
