// Fills a local CRM database with deterministic demo data:
//   npm run seed -- --accounts 100000 --seed 42 [--dir <data dir>] [--reference-date YYYY-MM-DD]
//   npm run seed -- --records 1000000 ...   (a territory of that many documents in all)
// Output is identical for the same size (--accounts or --records), --seed and --reference-date
// (default: 1st of this month).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openCrmDatabase } from '../electron/core/db/open-crm-database';
import { loadOrCreateKeyFile } from '../electron/core/security/database-key';
import { generateDataset, type DatasetBatch } from '../electron/core/seed/generate-dataset';
import { LOCAL_USER_ID } from '../electron/core/seed/local-user';
import { writeDataset } from '../electron/core/seed/write-dataset';
import { createSearchHook } from '../electron/core/search';
import { getRxStorageSqlite } from '../electron/core/storage/sqlite';

function fail(message: string): never {
  process.stderr.write(`seed: ${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    accounts: { type: 'string' },
    records: { type: 'string' },
    seed: { type: 'string', default: '42' },
    dir: { type: 'string', default: resolve(import.meta.dirname, '..', '.data') },
    'reference-date': { type: 'string' },
    'batch-size': { type: 'string', default: '500' },
    'local-book-only': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (values.help) {
  process.stdout.write(
    [
      'Fills a local CRM database with deterministic demo data.',
      '',
      'npm run seed -- [--accounts 1000 | --records 1000000] [--seed 42] [--dir <data dir>] [--reference-date YYYY-MM-DD]',
      '                [--batch-size 500] [--local-book-only]',
      '',
      '  --accounts        customer companies to generate (with their contacts, deals, 36 months of orders,',
      '                    activities, cases and surveys); default 1000',
      '  --records         instead of --accounts: documents to generate across all collections, company-wide',
      '                    records included; accounts are added whole until the total is reached (it ends',
      "                    less than one account's records above it)",
      '  --seed            random seed: the same seed, size and reference date give the same data',
      '  --dir             data directory (default .data in the checkout); must not hold a database yet',
      '  --reference-date  the day the data is "as of" (default: the 1st of this month)',
      '  --batch-size      documents per write',
      '  --local-book-only keep only the records of the person using the app before sign-in (their',
      "                    accounts and everything under them): a laptop whose own book a rep's first",
      '                    sign-in adopts and uploads whole',
      '',
    ].join('\n'),
  );
  process.exit(0);
}

if (values.accounts !== undefined && values.records !== undefined) fail('pass either --accounts or --records, not both');
const accounts = Number(values.accounts ?? '1000');
const records = values.records === undefined ? undefined : Number(values.records);
const seed = Number(values.seed);
const batchSize = Number(values['batch-size']);
if (!Number.isInteger(accounts) || accounts < 0) fail(`--accounts must be a whole number, got ${values.accounts}`);
if (records !== undefined && (!Number.isInteger(records) || records < 1))
  fail(`--records must be a positive whole number, got ${values.records}`);
if (!Number.isInteger(seed)) fail(`--seed must be an integer, got ${values.seed}`);
if (!Number.isInteger(batchSize) || batchSize < 1) fail(`--batch-size must be a positive integer, got ${values['batch-size']}`);
const refText = values['reference-date'];
if (refText !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(refText)) fail(`--reference-date must look like 2025-06-30, got ${refText}`);
// Demo data should look current (this year's wins, this quarter's pipeline), so the default is the
// first day of this month; the same --seed and --reference-date always give the same data.
const today = new Date();
const referenceDate = refText === undefined ? Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1) : Date.parse(`${refText}T00:00:00Z`);
if (!Number.isFinite(referenceDate)) fail(`--reference-date is not a date: ${refText}`);

const directory = resolve(values.dir);
const size = records === undefined ? `${accounts} accounts` : `${records} records`;
process.stderr.write(
  `seed: ${size}, seed ${seed}, reference date ${new Date(referenceDate).toISOString().slice(0, 10)}, into ${directory}\n`,
);
// Same storage and hooks as the app's core, so seeded records are in the full-text index too; the
// database is encrypted with the directory's key file, which the browser host then opens it with.
const databaseKey = loadOrCreateKeyFile(directory);
const db = await openCrmDatabase({ directory, storage: getRxStorageSqlite({ directory, hooks: [createSearchHook()], databaseKey }) });
try {
  // Ids are deterministic, so seeding twice would collide on every document; say so up front.
  const existing = await db.accounts.count().exec();
  if (existing > 0) fail(`${directory} already holds ${existing} accounts; remove it or pass another --dir`);
  let lastPrint = 0;
  let accountsGenerated = 0;
  const generated = tap(
    generateDataset({ ...(records === undefined ? { accounts } : { records }), seed, referenceDate, batchSize }),
    (batch) => {
      if (batch.collection === 'accounts') accountsGenerated += batch.docs.length;
    },
  );
  const summary = await writeDataset(db, values['local-book-only'] ? localBookOnly(generated) : generated, (p) => {
    if (p.elapsedMs - lastPrint < 1000) return;
    lastPrint = p.elapsedMs;
    const rate = Math.round(p.docsWritten / Math.max(0.001, p.elapsedMs / 1000));
    process.stderr.write(`seed: ${(p.progress * 100).toFixed(1).padStart(5)}%  ${p.docsWritten} docs  ${rate} docs/s\n`);
  });
  const seconds = summary.elapsedMs / 1000;
  const parts = Object.entries(summary.perCollection)
    .map(([name, n]) => `${name}=${n}`)
    .join(' ');
  process.stdout.write(
    `seeded ${summary.docsWritten} documents (${accountsGenerated} accounts) in ${seconds.toFixed(1)} s, ${Math.round(summary.docsWritten / seconds)} docs/s: ${parts}\n`,
  );
} finally {
  await db.close();
}

/** The batches unchanged, each shown to `look` on its way through. */
function* tap(batches: Iterable<DatasetBatch>, look: (batch: DatasetBatch) => void): Generator<DatasetBatch> {
  for (const batch of batches) {
    look(batch);
    yield batch;
  }
}

/**
 * The batches with only the local user's own documents: company reference data, others' records and
 * the org records (users and teams come from the sync server once signed in) are dropped.
 */
function* localBookOnly(batches: Iterable<DatasetBatch>): Generator<DatasetBatch> {
  for (const batch of batches) {
    if (batch.collection === 'org') continue;
    const docs = (batch.docs as ReadonlyArray<{ ownerId?: unknown }>).filter((doc) => doc.ownerId === LOCAL_USER_ID);
    // Filtering keeps each batch's own document type; TypeScript cannot see that through the union.
    if (docs.length > 0) yield { ...batch, docs } as unknown as DatasetBatch;
  }
}
