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

export type GenerateDatasetOptions = {
  readonly accounts: number;
  readonly seed: number;
  /** The dataset's "now": history lies before it, open tasks and planned campaigns after it. */
  readonly referenceDate: Date | number;
  /** Accounts per batch; each batch holds those accounts with everything around them. */
  readonly batchSize?: number;
};

/** Default "now" of generated data, so a bare `generateAccounts(n, seed)` is reproducible too. */
export const DEFAULT_REFERENCE_DATE = Date.UTC(2025, 0, 1);

function toOptions(opts: GenerateDatasetOptions): SeedOptions {
  const referenceDate = typeof opts.referenceDate === 'number' ? opts.referenceDate : opts.referenceDate.getTime();
  if (!Number.isInteger(opts.accounts) || opts.accounts < 0) throw new Error('accounts must be a whole number ≥ 0');
  if (!Number.isFinite(referenceDate)) throw new Error('referenceDate must be a valid date');
  return { accounts: opts.accounts, seed: opts.seed, referenceDate };
}

/**
 * A believable, internally consistent CRM dataset, yielded in batches per collection so 100,000
 * accounts never sit in memory at once: first the shared world (org, catalogue, campaigns,
 * knowledge, saved segments, e-mail templates), then for each slice of accounts their contacts,
 * deals, quotes, orders (of won deals and 36 months of repeat orders), activities, cases, survey
 * answers, campaign memberships, outbox history and leads. Same options → identical output.
 */
export function* generateDataset(opts: GenerateDatasetOptions): Generator<DatasetBatch, void, void> {
  const options = toOptions(opts);
  const world = buildWorld(options);
  const batchSize = Math.max(1, opts.batchSize ?? 500);
  yield { collection: 'org', docs: [...world.teams, ...world.users, ...world.quotas], progress: 0 };
  yield { collection: 'catalog', docs: [...world.products, ...[...world.prices.values()].flatMap((m) => [...m.values()])], progress: 0 };
  yield { collection: 'marketing', docs: [...world.campaigns, ...world.marketing.segments, ...world.marketing.templates], progress: 0 };
  yield { collection: 'knowledge', docs: [...world.calendars, ...world.slaPolicies, ...world.articles], progress: 0 };

  const r = new SeedRandom(options.seed);
  for (let startIndex = 0; startIndex < options.accounts; startIndex += batchSize) {
    const end = Math.min(options.accounts, startIndex + batchSize);
    const b = emptyBatch();
    for (let i = startIndex; i < end; i++) addAccountBundle(world, r, i, b);
    const progress = end / options.accounts;
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

function addAccountBundle(world: SeedWorld, r: SeedRandom, index: number, b: Bundle): void {
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
