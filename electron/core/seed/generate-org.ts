import {
  ACCOUNT_REGIONS,
  type Account,
  type BusinessCalendar,
  type Campaign,
  type KnowledgeArticle,
  type PriceBookEntry,
  type Product,
  type Quota,
  type SlaPolicy,
  type Team,
  type User,
} from '../../../shared/schemas';
import { buildSlaReference, type SlaReference } from '../service/sla-reference';
import { articleCountFor, generateArticles, indexArticles, type ArticleIndex } from './generate-articles';
import { addMonthsUtc, DAY_MS, isoDate, SeedRandom } from './seed-random';
import { buildMarketingWorld, type MarketingWorld } from './generate-marketing';
import { buildServiceSettings } from './seed-service-settings';
import { localUserRecords } from './local-user';
import { CATALOG, CURRENCIES, FULL_CATALOG, priceIn } from './seed-tables';

export type SeedOptions = { readonly accounts: number; readonly seed: number; readonly referenceDate: number };

/** Everything that is not per account: who sells, what is sold, which campaigns ran. */
export type SeedWorld = {
  readonly options: SeedOptions;
  readonly admin: User;
  readonly hqTeam: Team;
  readonly teams: ReadonlyArray<Team>;
  readonly users: ReadonlyArray<User>;
  readonly repsByRegion: Readonly<Record<Account['region'], ReadonlyArray<User>>>;
  /** The app's local user (LOCAL_ACTOR), who owns a small book of the accounts. */
  readonly localUser: User;
  readonly products: ReadonlyArray<Product>;
  /** The core lines (`CATALOG`), the products deals and quotes are made of; the rest sell through repeat orders. */
  readonly dealProducts: ReadonlyArray<Product>;
  /** Standard price book: productId → currency → entry. */
  readonly prices: ReadonlyMap<string, ReadonlyMap<string, PriceBookEntry>>;
  readonly campaigns: ReadonlyArray<Campaign>;
  /** Saved segments, e-mail templates, and what the per-account marketing generator reads. */
  readonly marketing: MarketingWorld;
  readonly articles: ReadonlyArray<KnowledgeArticle>;
  /** Published articles per product, problem and language, which cases link to. */
  readonly articleIndex: ArticleIndex;
  readonly calendars: ReadonlyArray<BusinessCalendar>;
  readonly slaPolicies: ReadonlyArray<SlaPolicy>;
  /** The app's own SLA arithmetic over those policies, so seeded outcomes are what the core computes. */
  readonly sla: SlaReference;
  readonly quotas: ReadonlyArray<Quota>;
};

export const HISTORY_MONTHS = 36;
const REGION_LABEL: Record<Account['region'], string> = {
  north_america: 'North America',
  latin_america: 'Latin America',
  emea: 'EMEA',
  apac: 'APAC',
  greater_china: 'Greater China',
};

/** Team size grows with the dataset so a 100,000-account book is not owned by fifteen people. */
export function repsPerTeam(accounts: number): number {
  return Math.min(30, Math.max(3, Math.round(accounts / 2000)));
}

export function buildWorld(options: SeedOptions): SeedWorld {
  const r = new SeedRandom(options.seed).reseed('org');
  const t0 = options.referenceDate - (HISTORY_MONTHS + 24) * 30 * DAY_MS;
  const stamp = { createdAt: t0, updatedAt: t0 };
  const adminId = r.uuid();
  const hqTeamId = r.uuid();
  const admin: User = {
    id: adminId,
    ownerId: adminId,
    teamId: hqTeamId,
    ...stamp,
    kind: 'user',
    name: 'Alex Admin',
    email: 'admin@fieldcrm.example',
    role: 'admin',
    active: true,
  };
  const hqTeam: Team = {
    id: hqTeamId,
    ownerId: adminId,
    teamId: hqTeamId,
    ...stamp,
    kind: 'team',
    name: 'Headquarters',
    managerId: adminId,
  };
  const teams: Team[] = [hqTeam];
  const users: User[] = [admin];
  const repsByRegion = {} as Record<Account['region'], User[]>;
  const perTeam = repsPerTeam(options.accounts);
  for (const region of ACCOUNT_REGIONS) {
    const teamId = r.uuid();
    const managerId = r.uuid();
    const chinese = region === 'greater_china';
    const person = () => (chinese ? r.zh.person.lastName() + r.zh.person.firstName() : r.en.person.fullName());
    const email = (id: string) => `${id.slice(0, 8)}@fieldcrm.example`;
    const manager: User = {
      id: managerId,
      ownerId: adminId,
      teamId,
      ...stamp,
      kind: 'user',
      name: person(),
      email: email(managerId),
      role: 'manager',
      managerId: adminId,
      title: 'Sales Manager',
      active: true,
    };
    teams.push({
      id: teamId,
      ownerId: managerId,
      teamId,
      ...stamp,
      kind: 'team',
      name: `${REGION_LABEL[region]} Sales`,
      managerId,
      region: REGION_LABEL[region],
    });
    users.push(manager);
    repsByRegion[region] = [];
    for (let i = 0; i < perTeam; i++) {
      const id = r.uuid();
      const rep: User = {
        id,
        ownerId: adminId,
        teamId,
        ...stamp,
        kind: 'user',
        name: person(),
        email: email(id),
        role: 'rep',
        managerId,
        title: 'Account Executive',
        locale: chinese ? 'zh-CN' : 'en',
        active: true,
      };
      users.push(rep);
      repsByRegion[region].push(rep);
    }
  }
  // Added after the drawn people, so the local user changes no one else's id or name.
  const local = localUserRecords(stamp, adminId, users.find((user) => user.role === 'manager')?.id ?? adminId);
  users.push(local.user);
  teams.push(local.team);
  const catalog = buildCatalog(new SeedRandom(options.seed).reseed('catalog'), adminId, hqTeamId, t0);
  const articles = generateArticles(options.seed, articleCountFor(options.accounts), options.referenceDate, {
    ownerId: adminId,
    teamId: hqTeamId,
  });
  const firstCaseYear = new Date(options.referenceDate - (HISTORY_MONTHS + 1) * 30 * DAY_MS).getUTCFullYear();
  const service = buildServiceSettings(new SeedRandom(options.seed).reseed('service_settings'), options.referenceDate, firstCaseYear, {
    ownerId: adminId,
    teamId: hqTeamId,
    createdAt: options.referenceDate - (HISTORY_MONTHS + 1) * 30 * DAY_MS,
    updatedAt: options.referenceDate - (HISTORY_MONTHS + 1) * 30 * DAY_MS,
  });
  const campaigns = buildCampaigns(new SeedRandom(options.seed).reseed('campaigns'), options, adminId, hqTeamId);
  const marketing = buildMarketingWorld(
    new SeedRandom(options.seed).reseed('marketing_world'),
    options.referenceDate,
    admin,
    hqTeam,
    users,
    campaigns,
    catalog.products,
  );
  return {
    options,
    admin,
    hqTeam,
    teams,
    users,
    repsByRegion,
    localUser: local.user,
    ...catalog,
    campaigns,
    marketing,
    articles,
    articleIndex: indexArticles(articles),
    calendars: service.calendars,
    slaPolicies: service.policies,
    sla: buildSlaReference(service.policies, service.calendars),
    quotas: buildQuotas(users, options.referenceDate, adminId),
  };
}

function buildCatalog(r: SeedRandom, adminId: string, teamId: string, t0: number) {
  const products: Product[] = [];
  const prices = new Map<string, Map<string, PriceBookEntry>>();
  const stamp = { ownerId: adminId, teamId, createdAt: t0, updatedAt: t0 };
  for (const item of FULL_CATALOG) {
    const id = r.uuid();
    products.push({ id, ...stamp, kind: 'product', name: item.name, sku: item.sku, family: item.family, unit: item.unit, isActive: true });
    const byCurrency = new Map<string, PriceBookEntry>();
    for (const currency of Object.keys(CURRENCIES)) {
      byCurrency.set(currency, {
        id: r.uuid(),
        ...stamp,
        kind: 'price_book_entry',
        productId: id,
        priceBook: 'standard',
        currency,
        unitPrice: priceIn(currency, item.usdCents),
        validFrom: isoDate(t0),
        isActive: true,
      });
    }
    prices.set(id, byCurrency);
  }
  // FULL_CATALOG starts with CATALOG, so the core lines keep their ids whatever follows them.
  return { products, dealProducts: products.slice(0, CATALOG.length), prices };
}

function buildCampaigns(r: SeedRandom, options: SeedOptions, adminId: string, teamId: string): Campaign[] {
  const ref = options.referenceDate;
  const campaigns: Campaign[] = [];
  const types = ['email', 'event', 'webinar', 'trade_show', 'direct_mail', 'advertising'] as const;
  // One campaign a month over the history, plus two planned ones after the reference date.
  // About $6,000 a campaign per 1,000 accounts: ROIs from clearly negative to several times the cost.
  const spendScale = Math.max(0.02, (0.3 * options.accounts) / 1000);
  for (let m = -HISTORY_MONTHS; m <= 2; m++) {
    const start = addMonthsUtc(ref, m);
    const end = start + r.int(7, 45) * DAY_MS;
    const type = r.pick(types);
    // Rounded to $100; spend grows with the customer base a campaign reaches, so ROI spreads alike at any size.
    const budget = Math.max(50_000, Math.round((r.int(20, 400) * 100_000 * spendScale) / 10_000) * 10_000);
    const status = end < ref ? (r.chance(0.05) ? 'aborted' : 'completed') : start <= ref ? 'active' : 'planned';
    // Most campaigns come in under budget, a fifth overrun it; an active one has spent part of it, an aborted one little.
    const spent = {
      planned: 0,
      active: 0.2 + r.next() * 0.4,
      aborted: 0.15 + r.next() * 0.35,
      completed: r.chance(0.2) ? 1.05 + r.next() * 0.35 : 0.6 + r.next() * 0.45,
    }[status];
    const name = `${new Date(start).toLocaleString('en', { month: 'short', timeZone: 'UTC' })} ${new Date(start).getUTCFullYear()} ${type.replace('_', ' ')}: ${r.en.company.catchPhrase()}`;
    const created = Math.min(ref, start - 30 * DAY_MS);
    campaigns.push({
      id: r.uuid(),
      ownerId: adminId,
      teamId,
      createdAt: created,
      updatedAt: Math.min(ref, Math.max(created, end)),
      kind: 'campaign',
      name: name.slice(0, 200),
      type,
      status,
      startDate: isoDate(start),
      endDate: isoDate(end),
      currency: 'USD',
      budget,
      actualCost: Math.round((budget * spent) / 100) * 100,
      expectedRevenue: budget * r.int(3, 10),
    });
  }
  return campaigns;
}

/** A monthly quota in USD for every rep over the history and the current quarter. */
function buildQuotas(users: ReadonlyArray<User>, ref: number, adminId: string): Quota[] {
  const quotas: Quota[] = [];
  const first = new Date(ref);
  for (const user of users) {
    if (user.role !== 'rep') continue;
    for (let m = -HISTORY_MONTHS; m <= 2; m++) {
      const start = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m, 1);
      const created = Math.min(ref, start - 15 * DAY_MS);
      // Quotas rise ~10% a year, so attainment charts show growth.
      const amount = Math.round(6_000_000 * (1 + (m + HISTORY_MONTHS) / 120)); // ~$60k a month, in cents
      quotas.push({
        id: `${user.id.slice(0, 23)}-q${start}`,
        ownerId: adminId,
        teamId: user.teamId,
        createdAt: created,
        updatedAt: created,
        kind: 'quota',
        userId: user.id,
        period: 'month',
        periodStart: isoDate(start),
        currency: 'USD',
        amount,
      });
    }
  }
  return quotas;
}
