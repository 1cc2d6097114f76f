/**
 * `npm run bench:store [-- --records N]`: the local store at 100,000 accounts, and with --records
 * a whole territory of N documents across all collections. Prints ONE JSON line on stdout;
 * progress goes to stderr. Never fails on a time: a benchmark reports, the reader judges.
 *
 * Parent: generates the data, times bulk inserts on the memory storage, our SQLite storage (with
 * the search hook, as the app runs) and raw SQLite. Child (fresh process): cold open, page
 * queries, full-text search, single inserts and RSS of a process that opened the database.
 * With --records the parent then seeds the territory into a database of its own as `npm run seed`
 * does, and a second child runs the same workload, drawn from the territory's own accounts and
 * contacts, against it; its figures are nested under `records_<N>`.
 * Every SQLite file is encrypted as the app's is (a key file per directory, as the browser host
 * keeps it); `encrypted` in the output says whether the database file really was.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3-multiple-ciphers';
import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Account, Contact } from '../shared/schemas';
import { openCrmDatabase, type CrmDatabase } from '../electron/core/db/open-crm-database';
import { createSearchHook } from '../electron/core/search';
import { loadOrCreateKeyFile } from '../electron/core/security/database-key';
import { getRxStorageSqlite, keyConnection, SYNCHRONOUS_MODE } from '../electron/core/storage/sqlite';
import { readDatabaseFileState } from '../electron/core/storage/sqlite/encrypt-plaintext-database';
import { generateAccounts, generateDataset } from '../electron/core/seed/generate-dataset';
import type { ChildResult } from './bench-child';
import { buildWorkload } from './bench-workload';
import { median, progress, round, timeAsync } from './bench-stats';
import { seedTerritory } from './store-territory';

const COUNT = 100_000;
const SEED = 42;
/** An initial sync pulls pages of this size and writes each page with one bulkInsert. */
const BATCH = 5_000;
/**
 * Rounds of (memory, SQLite) 100k inserts. The figures are the medians; the ratio is the median
 * of the rounds' own ratios (each pair ran a few seconds apart); every run is printed too.
 */
const INSERT_ROUNDS = 5;

/**
 * Collects what earlier runs left on the heap (npm run bench:store passes --expose-gc), so each
 * timed run pays for its own garbage only. The memory storage leaves a large heap behind, which
 * the next SQLite run would otherwise collect inside its own timing.
 */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
}

async function bulkInsertAll<T>(insert: (docs: T[]) => Promise<{ error: unknown[] }>, docs: ReadonlyArray<T>): Promise<number> {
  collectGarbage();
  return timeAsync(async () => {
    for (let at = 0; at < docs.length; at += BATCH) {
      const result = await insert(docs.slice(at, at + BATCH));
      if (result.error.length > 0) throw new Error(`bulkInsert rejected ${result.error.length} documents`);
    }
  });
}

/**
 * The seed generator currently repeats a few ids per 100k (3 accounts at seed 42: its UUIDs come
 * from a PRNG with too little state, a birthday collision). A repeated id is a conflict, not an
 * insert, so duplicates are dropped here and the count is reported.
 */
function uniqueById<T extends { readonly id: string }>(docs: ReadonlyArray<T>): T[] {
  const seen = new Set<string>();
  return docs.filter((doc) => !seen.has(doc.id) && seen.add(doc.id) !== undefined);
}

/** The dataset generator yields the same accounts as generateAccounts; we keep their contacts. */
function contactsOf(count: number, seed: number): Contact[] {
  const contacts: Contact[] = [];
  for (const batch of generateDataset({ accounts: count, seed, referenceDate: Date.UTC(2025, 0, 1), batchSize: BATCH })) {
    if (batch.collection === 'contacts') contacts.push(...batch.docs);
  }
  return uniqueById(contacts);
}

async function timeMemory(accounts: ReadonlyArray<Account>): Promise<number> {
  const db = await openCrmDatabase({ directory: 'memory', storage: getRxStorageMemory() as RxStorage<unknown, unknown> });
  try {
    return await bulkInsertAll((docs) => db.accounts.bulkInsert(docs), accounts);
  } finally {
    await db.remove();
  }
}

/** Our storage as the app runs it: with the search hook. */
function openSqlite(directory: string): Promise<CrmDatabase> {
  const databaseKey = loadOrCreateKeyFile(directory);
  return openCrmDatabase({ directory, storage: getRxStorageSqlite({ directory, hooks: [createSearchHook()], databaseKey }) });
}

async function timeSqlite(directory: string, accounts: ReadonlyArray<Account>): Promise<number> {
  const db = await openSqlite(directory);
  try {
    return await bulkInsertAll((docs) => db.accounts.bulkInsert(docs), accounts);
  } finally {
    await db.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Same JSON, same cipher and durability settings, no RxDB and no index columns: the floor for any storage. */
function timeRawSqlite(directory: string, accounts: ReadonlyArray<Account>): number {
  const db = new Database(path.join(directory, 'raw.sqlite'));
  keyConnection(db, loadOrCreateKeyFile(directory));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${SYNCHRONOUS_MODE}`);
  db.exec('CREATE TABLE docs (id TEXT PRIMARY KEY, data TEXT NOT NULL)');
  const insert = db.prepare<[string, string]>('INSERT INTO docs (id, data) VALUES (?, ?)');
  const start = performance.now();
  db.transaction(() => {
    for (const doc of accounts) insert.run(doc.id, JSON.stringify(doc));
  })();
  const elapsed = performance.now() - start;
  db.close();
  return elapsed;
}

function runChild(workloadFile: string): Promise<ChildResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./bench-child.ts', import.meta.url)), workloadFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`bench child exited with ${code}`));
      else resolve(JSON.parse(out.trim()) as ChildResult);
    });
  });
}

/** The child's figures on the database in `databaseDir`, its workload drawn from these accounts and contacts. */
function childFigures(
  workDir: string,
  databaseDir: string,
  accounts: ReadonlyArray<Account>,
  contacts: ReadonlyArray<Contact>,
): Promise<ChildResult> {
  const workloadFile = path.join(workDir, 'workload.json');
  writeFileSync(workloadFile, JSON.stringify(buildWorkload(databaseDir, accounts, contacts, SEED)));
  return runChild(workloadFile);
}

/** The 100,000-account figures: inserts against the memory storage and raw SQLite, then the child's. */
async function accountFigures(): Promise<Record<string, unknown>> {
  const directory = mkdtempSync(path.join(tmpdir(), 'fieldcrm-bench-'));
  try {
    progress(`generating ${COUNT} accounts (seed ${SEED})`);
    const accounts = uniqueById(generateAccounts(COUNT, SEED));

    // Both storages' code paths are compiled before anything is timed, so the first timed run
    // does not also pay for the JIT warm-up of the RxDB code both share.
    progress('warm-up: one batch into each storage, untimed');
    await timeMemory(accounts.slice(0, BATCH));
    await timeSqlite(path.join(directory, 'warm-up'), accounts.slice(0, BATCH));

    // Alternating rounds, each storage once per round: this VM's speed drifts by tens of percent
    // between minutes, and one pair of runs showed it (the same code's ratio went 1.39-1.74).
    const memoryRuns: number[] = [];
    const sqliteRuns: number[] = [];
    const sqliteDir = path.join(directory, 'crm');
    let db: CrmDatabase | undefined;
    for (let pass = 1; pass <= INSERT_ROUNDS; pass++) {
      progress(`round ${pass}/${INSERT_ROUNDS}: memory storage bulkInsert`);
      memoryRuns.push(await timeMemory(accounts));
      progress(`round ${pass}/${INSERT_ROUNDS}: SQLite storage (search hook on) bulkInsert`);
      // Each round writes a directory of its own; they are all removed at the end, not in between.
      const opened = await openSqlite(pass < INSERT_ROUNDS ? path.join(directory, `round-${pass}`) : sqliteDir);
      sqliteRuns.push(await bulkInsertAll((docs) => opened.accounts.bulkInsert(docs), accounts));
      if (pass < INSERT_ROUNDS) await opened.close();
      else db = opened;
    }
    if (!db) throw new Error('no insert round ran');
    const loaded = db;
    progress('generating the contacts of those accounts (search corpus)');
    const contacts = contactsOf(COUNT, SEED);
    progress(`SQLite storage: ${contacts.length} contacts`);
    const contactsMs = await bulkInsertAll((docs) => loaded.contacts.bulkInsert(docs), contacts);
    await loaded.close();

    progress('raw SQLite: one transaction');
    const raw = timeRawSqlite(directory, accounts);

    progress('child process: cold open, page queries, search, single inserts');
    const child = await childFigures(directory, sqliteDir, accounts, contacts);

    return {
      encrypted: readDatabaseFileState(path.join(sqliteDir, 'crm.sqlite')) === 'encrypted',
      insert_100k_ms: round(median(sqliteRuns)),
      memory_insert_100k_ms: round(median(memoryRuns)),
      raw_sqlite_insert_100k_ms: round(raw),
      insert_vs_memory_ratio: round(median(sqliteRuns.map((ms, i) => ms / (memoryRuns[i] as number)))),
      insert_100k_runs_ms: sqliteRuns.map((ms) => round(ms)),
      memory_insert_100k_runs_ms: memoryRuns.map((ms) => round(ms)),
      accounts_count: accounts.length,
      contacts_count: contacts.length,
      contacts_insert_ms: round(contactsMs),
      batch_size: BATCH,
      ...child,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Fewer records leave too few accounts for the workload's pages and filters to mean anything. */
const MIN_RECORDS = 10_000;

function parseRecords(): number | undefined {
  const { values } = parseArgs({ options: { records: { type: 'string' } }, strict: true });
  if (values.records === undefined) return undefined;
  const records = Number(values.records);
  if (!Number.isInteger(records) || records < MIN_RECORDS) {
    throw new Error(`--records must be a whole number of at least ${MIN_RECORDS}, got ${values.records}`);
  }
  return records;
}

function directoryMb(directory: string): number {
  const bytes = readdirSync(directory).reduce((sum, name) => sum + statSync(path.join(directory, name)).size, 0);
  return round(bytes / 1024 / 1024, 1);
}

/** A territory of `records` documents seeded as the app's seed writes it, and the child's figures on it. */
async function territoryFigures(records: number): Promise<Record<string, unknown>> {
  const directory = mkdtempSync(path.join(tmpdir(), 'fieldcrm-bench-territory-'));
  try {
    const territoryDir = path.join(directory, 'crm');
    progress(`territory: seeding ${records} documents (seed ${SEED})`);
    collectGarbage();
    const db = await openSqlite(territoryDir);
    const seeded = await seedTerritory(db, records, SEED).finally(() => db.close());
    const { accounts, contacts, summary } = seeded;

    progress('child process (territory): cold open, page queries, search, single inserts');
    const child = await childFigures(directory, territoryDir, accounts, contacts);
    return {
      encrypted: readDatabaseFileState(path.join(territoryDir, 'crm.sqlite')) === 'encrypted',
      records: summary.docsWritten,
      accounts: accounts.length,
      contacts: contacts.length,
      per_collection: summary.perCollection,
      seed_ms: round(summary.elapsedMs),
      seed_docs_per_s: Math.round(summary.docsWritten / (summary.elapsedMs / 1000)),
      database_mb: directoryMb(territoryDir),
      ...child,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const records = parseRecords();
  const result = await accountFigures();
  const territory = records === undefined ? {} : { [`records_${records}`]: await territoryFigures(records) };
  process.stdout.write(`${JSON.stringify({ ...result, ...territory })}\n`);
}

await main();
