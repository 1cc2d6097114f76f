import type { CrmCollectionName, CrmDocOf, SurveyResponse } from '../shared/schemas';
import { openCrmDatabase } from '../electron/core/db/open-crm-database';
import { createSearchHook } from '../electron/core/search';
import { loadOrCreateKeyFile } from '../electron/core/security/database-key';
import { generateAccount, generateContacts } from '../electron/core/seed/generate-account';
import { generateArticles } from '../electron/core/seed/generate-articles';
import { generateCases } from '../electron/core/seed/generate-cases';
import type { DatasetBatch } from '../electron/core/seed/generate-dataset';
import { generateNps } from '../electron/core/seed/generate-nps';
import { buildWorld } from '../electron/core/seed/generate-org';
import { SeedRandom } from '../electron/core/seed/seed-random';
import { writeDataset } from '../electron/core/seed/write-dataset';

export type ServiceBenchSize = { readonly cases: number; readonly articles: number; readonly surveys: number };
export type ServiceBenchCounts = { readonly accounts: number; readonly contacts: number } & ServiceBenchSize;

/** Cases per account: the benchmark needs 200,000 cases without generating a million contacts. */
const CASES_PER_ACCOUNT = 5;
const BATCH_ACCOUNTS = 1_000;

/**
 * The service benchmark's database, from the demo seed's own generators (so histories, SLA
 * outcomes, article links and survey correlations are the seed's): the org, calendars and SLA
 * policies, `articles` knowledge articles, and accounts with their contacts and `cases` cases with
 * their CSAT and NPS answers, the surveys capped at `surveys`. Written through RxDB with the search
 * hook, encrypted with the directory's key file, as `npm run seed` writes.
 */
export async function seedServiceBench(
  directory: string,
  size: ServiceBenchSize,
  seed: number,
  referenceDate: number,
  onProgress: (message: string) => void,
): Promise<ServiceBenchCounts> {
  const accountCount = Math.ceil(size.cases / CASES_PER_ACCOUNT);
  const world = buildWorld({ accounts: accountCount, seed, referenceDate });
  const counts = { accounts: 0, contacts: 0, cases: 0, articles: 0, surveys: 0 };

  function* batches(): Generator<DatasetBatch, void, void> {
    const owner = { ownerId: world.admin.id, teamId: world.hqTeam.id };
    const articles = generateArticles(seed, size.articles, referenceDate, owner);
    counts.articles = articles.length;
    yield batch('org', [...world.teams, ...world.users], 0);
    yield batch('knowledge', [...world.calendars, ...world.slaPolicies, ...articles], 0);
    const r = new SeedRandom(seed);
    for (let start = 0; start < accountCount; start += BATCH_ACCOUNTS) {
      const accounts: CrmDocOf<'accounts'>[] = [];
      const contacts: CrmDocOf<'contacts'>[] = [];
      const cases: CrmDocOf<'cases'>[] = [];
      const surveys: SurveyResponse[] = [];
      for (let i = start; i < Math.min(accountCount, start + BATCH_ACCOUNTS); i++) {
        const account = generateAccount(world, r, i);
        const people = generateContacts(account, r);
        r.reseed('service', i);
        const service = generateCases(world, account, people, r, i, Math.min(CASES_PER_ACCOUNT, size.cases - counts.cases - cases.length));
        accounts.push(account.account);
        contacts.push(...people);
        cases.push(...service.cases);
        for (const s of [...service.csat, ...generateNps(world, account, people, service.experience, r)]) {
          if (counts.surveys + surveys.length < size.surveys) surveys.push(s);
        }
      }
      counts.accounts += accounts.length;
      counts.contacts += contacts.length;
      counts.cases += cases.length;
      counts.surveys += surveys.length;
      const progress = Math.min(1, (start + BATCH_ACCOUNTS) / accountCount);
      yield batch('accounts', accounts, progress);
      yield batch('contacts', contacts, progress);
      yield batch('cases', cases, progress);
      yield batch('surveys', surveys, progress);
    }
  }

  const db = await openCrmDatabase({ directory, hooks: [createSearchHook()], databaseKey: loadOrCreateKeyFile(directory) });
  try {
    let lastLog = 0;
    await writeDataset(db, batches(), (p) => {
      if (p.elapsedMs - lastLog < 10_000) return;
      lastLog = p.elapsedMs;
      onProgress(`seeded ${(p.progress * 100).toFixed(0)}% (${p.docsWritten} documents, ${Math.round(p.elapsedMs / 1000)} s)`);
    });
  } finally {
    await db.close();
  }
  return counts;
}

function batch<Name extends CrmCollectionName>(collection: Name, docs: ReadonlyArray<CrmDocOf<Name>>, progress: number): DatasetBatch {
  return { collection, docs, progress } as DatasetBatch;
}
