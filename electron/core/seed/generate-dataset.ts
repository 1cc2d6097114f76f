import type { Account, CrmCollectionName, CrmDocOf } from '../../../shared/schemas';
import { generateAccount, generateContacts } from './generate-account';
import { generateLocalAgenda } from './generate-agenda';
import { generateMarketing } from './generate-marketing';
import { generateDeals } from './generate-deals';
import { buildWorld, type SeedOptions, type SeedWorld } from './generate-org';
import { generateCustomerHistory } from './generate-purchases';
import { generateService } from './generate-service';
import { SeedRandom } from './seed-random';

/** Documents for one collection, with how far through the accounts the generator is (0..1). */
export type DatasetBatch = {
  [Name in CrmCollectionName]: { readonly collection: Name; readonly docs: ReadonlyArray<CrmDocOf<Name>>; readonly progress: number };
}[CrmCollectionName];

/**
 * How large the territory is: a number of customer accounts, or a total of documents across all
 * collections (company-wide records included), which the generator reaches by adding accounts
 * with everything around them until the total is met.
 */
export type DatasetSize = { readonly accounts: number; readonly records?: never } | { readonly records: number; readonly accounts?: never };

export type GenerateDatasetOptions = DatasetSize & {
  readonly seed: number;
  /** The dataset's "now": history lies before it, open tasks and planned campaigns after it. */
  readonly referenceDate: Date | number;
  /** Accounts per batch; each batch holds those accounts with everything around them. */
  readonly batchSize?: number;
};

/** Default "now" of generated data, so a bare `generateAccounts(n, seed)` is reproducible too. */
export const DEFAULT_REFERENCE_DATE = Date.UTC(2025, 0, 1);

/**
 * Documents one account brings along (itself, its contacts, deals, orders, activities, cases,
 * surveys, campaign memberships and leads), rounded up from what the generator yields on average.
 * Rounding up sizes a `records` territory's world for slightly fewer accounts than it ends up
 * with, so every agenda slot dealt to the local user's accounts lands on an account that exists.
 */
const DOCS_PER_ACCOUNT = 24;

function toOptions(opts: GenerateDatasetOptions): SeedOptions {
  const referenceDate = typeof opts.referenceDate === 'number' ? opts.referenceDate : opts.referenceDate.getTime();
  if (!Number.isFinite(referenceDate)) throw new Error('referenceDate must be a valid date');
  if (opts.records !== undefined) {
    if (!Number.isInteger(opts.records) || opts.records < 0) throw new Error('records must be a whole number ≥ 0');
    return { accounts: worldAccountsFor(opts.records, opts.seed, referenceDate), seed: opts.seed, referenceDate };
  }
  if (!Number.isInteger(opts.accounts) || opts.accounts < 0) throw new Error('accounts must be a whole number ≥ 0');
  return { accounts: opts.accounts, seed: opts.seed, referenceDate };
}

/**
 * The account count a territory of `records` documents sizes its world for (team sizes, articles,
 * campaign budgets, the local user's agenda): the records left after the company-wide documents,
 * divided among accounts. The exact number of accounts is settled while generating.
 */
function worldAccountsFor(records: number, seed: number, referenceDate: number): number {
  // Company-wide documents grow with the sales teams, so those of the larger first guess are an upper bound.
  const guess = Math.floor(records / DOCS_PER_ACCOUNT);
  const company = companyBatches(buildWorld({ accounts: guess, seed, referenceDate })).reduce((n, batch) => n + batch.docs.length, 0);
  return Math.max(0, Math.floor((records - company) / DOCS_PER_ACCOUNT));
}

/** The documents that belong to no account: org, catalogue, campaigns and marketing setup, service knowledge. */
function companyBatches(world: SeedWorld): DatasetBatch[] {
  return [
    { collection: 'org', docs: [...world.teams, ...world.users, ...world.quotas], progress: 0 },
    { collection: 'catalog', docs: [...world.products, ...[...world.prices.values()].flatMap((m) => [...m.values()])], progress: 0 },
    { collection: 'marketing', docs: [...world.campaigns, ...world.marketing.segments, ...world.marketing.templates], progress: 0 },
    { collection: 'knowledge', docs: [...world.calendars, ...world.slaPolicies, ...world.articles], progress: 0 },
  ];
}

/**
 * A believable, internally consistent CRM dataset, yielded in batches per collection so 100,000
 * accounts never sit in memory at once: first the shared world (org, catalogue, campaigns,
 * knowledge, saved segments, e-mail templates), then for each slice of accounts their contacts,
 * deals, quotes, orders (of won deals and 36 months of repeat orders), activities, cases, survey
 * answers, campaign memberships, outbox history and leads. Sized by `records`, the stream ends with
 * the account whose bundle brings the total to at least `records`: always whole accounts, so the
 * total overshoots by less than one account's bundle. Same options → identical output, whatever
 * the batch size.
 */
export function* generateDataset(opts: GenerateDatasetOptions): Generator<DatasetBatch, void, void> {
  const options = toOptions(opts);
  const world = buildWorld(options);
  const batchSize = Math.max(1, opts.batchSize ?? 500);
  const company = companyBatches(world);
  yield* company;

  const records = opts.records;
  const accountLimit = records === undefined ? options.accounts : Number.POSITIVE_INFINITY;
  const recordLimit = records ?? Number.POSITIVE_INFINITY;
  let total = company.reduce((n, batch) => n + batch.docs.length, 0);
  const r = new SeedRandom(options.seed);
  for (let startIndex = 0; startIndex < accountLimit && total < recordLimit; startIndex += batchSize) {
    const end = Math.min(accountLimit, startIndex + batchSize);
    const b = emptyBatch();
    for (let i = startIndex; i < end && total < recordLimit; i++) total += addAccountBundle(world, r, i, b);
    const progress = records === undefined ? end / options.accounts : Math.min(1, total / Math.max(1, records));
    yield { collection: 'accounts', docs: b.accounts, progress };
    yield { collection: 'contacts', docs: b.contacts, progress };
    yield { collection: 'leads', docs: b.leads, progress };
    yield { collection: 'opportunities', docs: b.opportunities, progress };
    yield { collection: 'sales_docs', docs: b.salesDocs, progress };
    yield { collection: 'activities', docs: b.activities, progress };
    yield { collection: 'cases', docs: b.cases, progress };
    yield { collection: 'surveys', docs: b.surveys, progress };
    yield { collection: 'marketing', docs: b.members, progress };
  }
}

type Bundle = {
  accounts: CrmDocOf<'accounts'>[];
  contacts: CrmDocOf<'contacts'>[];
  leads: CrmDocOf<'leads'>[];
  opportunities: CrmDocOf<'opportunities'>[];
  salesDocs: CrmDocOf<'sales_docs'>[];
  activities: CrmDocOf<'activities'>[];
  cases: CrmDocOf<'cases'>[];
  surveys: CrmDocOf<'surveys'>[];
  members: CrmDocOf<'marketing'>[];
};

const emptyBatch = (): Bundle => ({
  accounts: [],
  contacts: [],
  leads: [],
  opportunities: [],
  salesDocs: [],
  activities: [],
  cases: [],
  surveys: [],
  members: [],
});

/** Adds account #index and everything around it to the batch; returns how many documents that was. */
function addAccountBundle(world: SeedWorld, r: SeedRandom, index: number, b: Bundle): number {
  const before = bundleSize(b);
  const seed = generateAccount(world, r, index);
  const contacts = generateContacts(seed, r);
  const deals = generateDeals(world, seed, contacts, r, index);
  const service = generateService(world, seed, contacts, deals.opportunities, r, index);
  const customer = generateCustomerHistory(world, seed, contacts, service.cases.length, r, index);
  const marketing = generateMarketing(world, seed, contacts, deals.opportunities, r, index);
  if (seed.owner.id === world.localUser.id) b.activities.push(...generateLocalAgenda(world, seed, contacts, deals.opportunities, r, index));
  b.accounts.push(seed.account);
  b.contacts.push(...contacts);
  b.opportunities.push(...deals.opportunities);
  b.salesDocs.push(...deals.quotes, ...deals.orders, ...customer.orders);
  b.activities.push(...service.activities.filter(customer.keepActivity));
  b.cases.push(...service.cases, ...customer.cases);
  b.surveys.push(...service.surveys, ...customer.surveys);
  b.members.push(...marketing.members, ...marketing.outbox);
  b.leads.push(...marketing.leads);
  return bundleSize(b) - before;
}

function bundleSize(b: Bundle): number {
  let n = 0;
  for (const docs of Object.values(b)) n += docs.length;
  return n;
}

/**
 * Plain account documents for benchmarks: the same accounts `generateDataset` yields for the same
 * count and seed (at the default reference date), without anything around them.
 */
export function generateAccounts(count: number, seed: number, referenceDate: Date | number = DEFAULT_REFERENCE_DATE): Account[] {
  const world = buildWorld(toOptions({ accounts: count, seed, referenceDate }));
  const r = new SeedRandom(seed);
  const accounts: Account[] = new Array<Account>(count);
  for (let i = 0; i < count; i++) accounts[i] = generateAccount(world, r, i).account;
  return accounts;
}
