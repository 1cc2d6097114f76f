import {
  applyDiscountAndTax,
  lineItemTotal,
  sumLineItems,
  type Account,
  type Activity,
  type Case,
  type Contact,
  type Order,
  type SalesLine,
  type SurveyResponse,
} from '../../../shared/schemas';
import type { SlaReference } from '../service/sla-reference';
import { generateAccount, generateContacts, type AccountSeed } from './generate-account';
import { generateCases } from './generate-cases';
import { CHURNED_QUIET_DAYS, generateDeals, TAX_BY_REGION } from './generate-deals';
import { generateNps } from './generate-nps';
import { buildWorld, HISTORY_MONTHS, type SeedWorld } from './generate-org';
import { generateService } from './generate-service';
import { DAY_MS, isoDate, SeedRandom } from './seed-random';
import { AREAS, INDUSTRY_AFFINITY, NEED_NAMES, NEEDS, type Area, type Need } from './purchase-needs';
import { FULL_CATALOG } from './seed-tables';

const WEEK_MS = 7 * DAY_MS;
const MINUTE = 60_000;

/**
 * Purchase rate per week ~ Gamma(shape, rate) (the NBD half of BG/NBD and Pareto/NBD): the shape is
 * shared, the mean scales with the tier — a key account orders about every six weeks, a small one
 * about twice a year.
 */
const RATE_SHAPE = 1.4;
const MEAN_RATE_PER_WEEK = { strategic: 0.32, key: 0.16, standard: 0.06, small: 0.028 } as const;
/** No account orders more than this often on average (keeps one account's ids within its group). */
const MAX_RATE_PER_WEEK = 4;

/**
 * Dropout probability after each purchase ~ Beta(a, b) (the BG half of BG/NBD). Accounts still
 * marked active mostly keep buying; inactive ones drop out far more often.
 */
const DROPOUT = { active: [0.6, 12], inactive: [1.5, 3] } as const;

/**
 * Spend per order ~ Gamma-Gamma: each order's value ~ Gamma(p, ν) with the account's ν ~ Gamma(q, γ),
 * so an account's mean spend p/ν is inverse-gamma around the tier's mean (US dollars, before
 * conversion through the price book), scaled a little with the account's size.
 */
const SPEND_P = 4;
const SPEND_Q = 3.5;
const MEAN_SPEND_USD = { strategic: 40_000, key: 12_000, standard: 3_500, small: 900 } as const;
/** Employees at which an account of the tier spends the tier's mean. */
const TIER_EMPLOYEES = { strategic: 30_000, key: 2_200, standard: 300, small: 25 } as const;

/** Negotiated discount on every line of a repeat order, in percent, by tier. */
const DISCOUNTS = { strategic: [10, 15], key: [5, 10], standard: [0, 5], small: [0, 0] } as const;
const LINES_PER_ORDER = [
  [1, 20],
  [2, 30],
  [3, 30],
  [4, 20],
] as const;

/** Share of accounts whose orders come in one or two peak quarters, and the share they order then. */
const SEASONAL_SHARE = 0.25;
const PEAK_SHARE = 0.85;

/** Dirichlet concentration of an account's taste around its industry's: low, so tastes are focused. */
const TASTE_CONCENTRATION = 0.3;
/** How many needs an account starts with. */
const STARTING_NEEDS = [
  [1, 50],
  [2, 35],
  [3, 15],
] as const;
/** Chance that an order after the first also takes up a further need. */
const NEW_NEED_CHANCE = 0.12;
/** Extra weight of a need that one of the account's needs leads to, and of one in the same area. */
const LEADS_TO_BONUS = 0.25;
const SAME_AREA_BONUS = 0.04;
/**
 * Weight of the first, second and third product of a need the account does not have yet: it
 * mostly takes the next one in line, sometimes skips one.
 */
const NEXT_IN_LINE = [3, 1, 0.3] as const;
/** Weight of a consumable it has bought before (replenished), and of anything else it has (more units). */
const REPLENISH_WEIGHT = 2;
const REBUY_WEIGHT = 0.4;
/** Weight every product keeps whatever the needs, so accounts now and then buy outside them. */
const TASTE_FLOOR = 0.008;
/** Weight left to a product dearer than twice the account's mean order: small accounts rarely buy the big items. */
const UNAFFORDABLE = 0.03;

/** Quarters (0–3) seasonal accounts of an industry most often peak in. */
const PEAK_QUARTER: Readonly<Record<string, number>> = { Retail: 3, Agriculture: 1, Education: 2, Hospitality: 1, Construction: 1 };

/** The latent parameters one account's purchase history was drawn from: the truth models estimate. */
export type PurchaseTraits = {
  /** Mean orders per week while the account is alive. */
  readonly ratePerWeek: number;
  /** Probability of dropping out for good after each order. */
  readonly dropout: number;
  /** Mean order value in US dollars (before tax and price-book rounding). */
  readonly meanSpendUsd: number;
  /** Quarters (0–3) the account's orders concentrate in; empty when it orders all year. */
  readonly peakQuarters: ReadonlyArray<number>;
  /** Taste over the needs (sums to 1), in the order of `PURCHASE_GROUPS`. */
  readonly taste: ReadonlyArray<number>;
  /** The needs it took up, in the order it took them up (names from `PURCHASE_GROUPS`). */
  readonly needs: ReadonlyArray<string>;
  /** When it stopped buying for good (its last order), or null while it is still alive. */
  readonly stoppedAt: number | null;
};

/** The latent needs, in the order of `PurchaseTraits.taste`. */
export const PURCHASE_GROUPS: ReadonlyArray<string> = NEED_NAMES;
/** The SKUs of each latent need, in the order accounts take them up. */
export const PURCHASE_NEED_SKUS: Readonly<Record<string, ReadonlyArray<string>>> = Object.fromEntries(
  NEED_NAMES.map((name) => [name, NEEDS[name]?.skus ?? []]),
);

export type PurchaseHistory = { readonly orders: Order[]; readonly traits: PurchaseTraits | null };

/**
 * Repeat orders of one customer account over the 36 months before the reference date, drawn from
 * BG/NBD (orders at a gamma-distributed rate, dropout after each with a beta-distributed
 * probability), Gamma-Gamma spend and a latent product taste. Prospects have none; churned accounts
 * stop at least `CHURNED_QUIET_DAYS` before the reference date. Orders are priced from the
 * account's currency in the standard price book, with the same arithmetic as deal orders; those
 * still being delivered at the reference date are 'confirmed', the rest 'fulfilled'.
 * Depends only on (seed, index): reseeds `r` on the purchases stream.
 */
export function generatePurchaseHistory(world: SeedWorld, seed: AccountSeed, r: SeedRandom, index: number): PurchaseHistory {
  r.reseed('purchases', index);
  const { account } = seed;
  if (account.status === 'prospect') return { orders: [], traits: null };
  const ref = world.options.referenceDate;
  const windowStart = ref - HISTORY_MONTHS * 30 * DAY_MS;
  const tier = account.tier;
  const affinity = INDUSTRY_AFFINITY[account.industry ?? ''] ?? [1, 1, 1, 1, 1];

  const meanRate = MEAN_RATE_PER_WEEK[tier];
  const ratePerWeek = Math.min(MAX_RATE_PER_WEEK, gamma(r, RATE_SHAPE) * (meanRate / RATE_SHAPE));
  const [a, b] = account.status === 'active' ? DROPOUT.active : DROPOUT.inactive;
  const dropout = beta(r, a, b);
  const size = Math.pow(Math.max(1, account.employees ?? TIER_EMPLOYEES[tier]) / TIER_EMPLOYEES[tier], 0.35);
  const tierSpend = MEAN_SPEND_USD[tier] * size;
  // ν ~ Gamma(q, γ) with γ set so that E[p/ν] = pγ/(q−1) is the tier's mean spend.
  const nu = gamma(r, SPEND_Q) / ((tierSpend * (SPEND_Q - 1)) / SPEND_P);
  const meanSpendUsd = SPEND_P / nu;
  // Tastes fit the budget: groups of products dearer than twice the account's mean order are rare.
  const budgetCents = 2 * meanSpendUsd * 100;
  const catalog = catalogOf(world);
  const afford = catalog.products.map((p) => (p.usdCents <= budgetCents ? 1 : UNAFFORDABLE));
  // Taste over the needs: the industry's lean to each need's area, around which the account's own
  // taste varies; needs whose first product is beyond the budget are rare.
  const lean = catalog.needs.map((need) => (affinity[AREAS.indexOf(need.area)] ?? 1) * (afford[need.items[0] ?? -1] ?? 1));
  const leanTotal = sum(lean);
  const taste = dirichlet(
    r,
    lean.map((x) => (x / leanTotal) * NEED_NAMES.length * TASTE_CONCENTRATION),
  );
  const peakQuarters = r.chance(SEASONAL_SHARE) ? peaks(r, account.industry) : [];
  const [minDiscount, maxDiscount] = DISCOUNTS[tier];
  const discountPercent = r.chance(0.5) ? minDiscount : maxDiscount;

  // Orders while alive: a (seasonally thinned) Poisson process, ended by dropout after an order.
  // A churned account died at a time before its quiet months; an account added during the history
  // places its first order soon after it was added.
  const newCustomer = account.createdAt > windowStart;
  const start = Math.max(account.createdAt, windowStart);
  const end = account.status === 'churned' ? r.between(start, ref - CHURNED_QUIET_DAYS * DAY_MS) : ref;
  const seasonal = seasonalRates(peakQuarters);
  const maxRatePerMs = (ratePerWeek * seasonal.max) / WEEK_MS;
  const times: number[] = [];
  let stoppedAt: number | null = null;
  let t = start;
  if (newCustomer && account.status !== 'churned') {
    t = start + r.next() * 30 * DAY_MS;
    if (t < end) times.push(t);
    if (times.length > 0 && r.chance(dropout)) stoppedAt = t;
  }
  while (stoppedAt === null && maxRatePerMs > 0) {
    t += -Math.log(1 - r.next()) / maxRatePerMs;
    if (t >= end) break;
    if (seasonal.max > 1 && r.next() * seasonal.max >= (seasonal.byQuarter[quarterOf(t)] ?? 1)) continue;
    times.push(t);
    if (r.chance(dropout)) stoppedAt = t;
  }
  if (account.status === 'churned') {
    // A churned account was a customer: at least one order before it left, unless it was added
    // too recently for that, when it left right away.
    if (times.length === 0 && end > start) times.push(r.between(start, end));
    stoppedAt = times[times.length - 1] ?? start;
  }

  const basket = new Basket(catalog, afford);
  for (let k = r.weighted(STARTING_NEEDS); k > 0; k--) basket.takeUp(r, taste);
  const orders: Order[] = [];
  const taxPercent = TAX_BY_REGION[account.region];
  for (let n = 0; n < times.length; n++) {
    const at = Math.floor((times[n] ?? start) / MINUTE) * MINUTE;
    const spendUsd = gamma(r, SPEND_P) / nu;
    if (n > 0 && r.chance(NEW_NEED_CHANCE)) basket.takeUp(r, taste);
    const chosen = basket.choose(r, r.weighted(LINES_PER_ORDER));
    const lines = orderLines(world, r, account.currency, chosen, spendUsd * 100, discountPercent);
    const subtotal = sumLineItems(lines);
    const totals = applyDiscountAndTax(subtotal, 0, taxPercent);
    const deliveredAt = at + r.int(2, 21) * DAY_MS;
    const fulfilled = deliveredAt < ref;
    orders.push({
      id: r.uuid(),
      ownerId: account.ownerId,
      teamId: account.teamId,
      createdAt: at,
      updatedAt: fulfilled ? deliveredAt : at,
      kind: 'order',
      orderNumber: `SO-${String(index).padStart(6, '0')}-${n + 1}`,
      accountId: account.id,
      status: fulfilled ? 'fulfilled' : 'confirmed',
      orderDate: isoDate(at),
      currency: account.currency,
      lines,
      subtotal,
      discountPercent: 0,
      discountAmount: totals.discount,
      taxPercent,
      taxAmount: totals.tax,
      total: totals.total,
    });
  }
  const needs = basket.needs.map((k) => NEED_NAMES[k] ?? '');
  return { orders, traits: { ratePerWeek, dropout, meanSpendUsd, peakQuarters, taste, needs, stoppedAt } };
}

/** What a stopping customer's service side looked like in its last months. */
export type ChurnSignal = { readonly cases: Case[]; readonly surveys: SurveyResponse[]; readonly keepActivity: (a: Activity) => boolean };

/** Days before the last order over which a leaving customer's service goes wrong. */
const STRAIN_DAYS = 120;
/** Days before the last order from which its contacts are rarely called or visited. */
const QUIET_DAYS = 60;

/**
 * Orders of one account with the signs that it is leaving: one or two extra cases in the months
 * before its last order, missing their targets far more often (so CSAT falls), NPS answers from
 * then pulled down, and most touches (calls, visits, notes) from shortly before it stopped on left
 * out. Accounts still buying get their orders only. Call with the account's contacts and the number
 * of cases it already has, so the extra cases are numbered after them.
 */
export function generateCustomerHistory(
  world: SeedWorld,
  seed: AccountSeed,
  contacts: ReadonlyArray<Contact>,
  casesSoFar: number,
  r: SeedRandom,
  index: number,
): PurchaseHistory & ChurnSignal {
  const history = generatePurchaseHistory(world, seed, r, index);
  const stoppedAt = history.traits?.stoppedAt ?? null;
  if (stoppedAt === null || contacts.length === 0) return { ...history, cases: [], surveys: [], keepActivity: () => true };
  const strain = { from: stoppedAt - STRAIN_DAYS * DAY_MS, to: stoppedAt, missFactor: 3, firstNumber: casesSoFar + 1 };
  const extra = generateCases(world, seed, contacts, r, index, r.int(1, 2), 0, strain);
  const nps = generateNps(world, seed, contacts, extra.experience, r, { from: strain.from, to: stoppedAt + 30 * DAY_MS, shift: -1.5 });
  const quietFrom = stoppedAt - QUIET_DAYS * DAY_MS;
  const ref = world.options.referenceDate;
  return {
    ...history,
    cases: extra.cases,
    surveys: [...extra.csat, ...nps],
    // Decided from the activity's id, so the answer is the same however often it is asked.
    keepActivity: (activity) => {
      const at = activity.dueAt ?? activity.createdAt;
      return !(activity.done && at >= quietFrom && at < ref && hashUnit(activity.id) < 0.8);
    },
  };
}

export type PurchaseBench = {
  readonly accounts: Account[];
  /** Repeat orders of all accounts, account by account, each in date order. */
  readonly orders: Order[];
  /** Latent parameters per account (null for prospects), in the order of `accounts`. */
  readonly traits: ReadonlyArray<PurchaseTraits | null>;
  /** The world's SLA arithmetic, to judge cases still open at the reference date as the core does. */
  readonly sla: SlaReference;
};

/** One account's service records exactly as `generateDataset` writes them (local-user agenda tasks aside). */
export type AccountServiceDocs = {
  readonly account: Account;
  readonly cases: ReadonlyArray<Case>;
  readonly surveys: ReadonlyArray<SurveyResponse>;
  readonly activities: ReadonlyArray<Activity>;
};

/**
 * The accounts and repeat orders `generateDataset` yields for the same count, seed and reference
 * date, without a database: input for model benchmarks, with the latent traits the history was
 * drawn from. Contacts, deals and service records are generated only with `onService`, which gets
 * each account's cases, survey answers and activities. (Deal orders, about one per three accounts,
 * are not included: deals pick their products without regard to the account's needs.)
 */
export function generatePurchaseBench(opts: {
  readonly accounts: number;
  readonly seed: number;
  readonly referenceDate?: Date | number;
  /**
   * When given, each account's contacts, deals and service records are generated too, as the
   * dataset does (so the orders then carry the leavers' service signs exactly as seeded), and its
   * cases, survey answers and activities are handed here one account at a time, so 100,000
   * accounts' records need not sit in memory together.
   */
  readonly onService?: (docs: AccountServiceDocs) => void;
}): PurchaseBench {
  // The same default "now" as generateDataset's DEFAULT_REFERENCE_DATE.
  const referenceDate =
    opts.referenceDate === undefined
      ? Date.UTC(2025, 0, 1)
      : typeof opts.referenceDate === 'number'
        ? opts.referenceDate
        : opts.referenceDate.getTime();
  if (!Number.isInteger(opts.accounts) || opts.accounts < 0) throw new Error('accounts must be a whole number ≥ 0');
  if (!Number.isFinite(referenceDate)) throw new Error('referenceDate must be a valid date');
  const world = buildWorld({ accounts: opts.accounts, seed: opts.seed, referenceDate });
  const r = new SeedRandom(opts.seed);
  const accounts: Account[] = new Array<Account>(opts.accounts);
  const traits: (PurchaseTraits | null)[] = new Array<PurchaseTraits | null>(opts.accounts);
  const orders: Order[] = [];
  for (let i = 0; i < opts.accounts; i++) {
    const seed = generateAccount(world, r, i);
    let history: PurchaseHistory;
    if (opts.onService === undefined) history = generatePurchaseHistory(world, seed, r, i);
    else {
      // The same calls in the same order as generateDataset, each reseeded per account.
      const contacts = generateContacts(seed, r);
      const deals = generateDeals(world, seed, contacts, r, i);
      const service = generateService(world, seed, contacts, deals.opportunities, r, i);
      const customer = generateCustomerHistory(world, seed, contacts, service.cases.length, r, i);
      history = customer;
      opts.onService({
        account: seed.account,
        cases: [...service.cases, ...customer.cases],
        surveys: [...service.surveys, ...customer.surveys],
        activities: service.activities.filter(customer.keepActivity),
      });
    }
    accounts[i] = seed.account;
    traits[i] = history.traits;
    for (const order of history.orders) orders.push(order);
  }
  return { accounts, orders, traits, sla: world.sla };
}

type CatalogProduct = { readonly id: string; readonly name: string; readonly usdCents: number };

/** The world's products with their list prices, and each need as indexes into them. */
type CatalogView = {
  readonly products: ReadonlyArray<CatalogProduct>;
  /** Per need (in `NEED_NAMES` order): its products in the order they are taken up, which of them are replenished, where it leads. */
  readonly needs: ReadonlyArray<{
    readonly area: Area;
    readonly items: ReadonlyArray<number>;
    readonly replenish: ReadonlySet<number>;
    readonly leadsTo: ReadonlyArray<number>;
  }>;
};
const catalogViews = new WeakMap<SeedWorld, CatalogView>();

/** Built once per world: every account reads it. Products outside the seed catalogue count as $1,000. */
function catalogOf(world: SeedWorld): CatalogView {
  let view = catalogViews.get(world);
  if (view === undefined) {
    const products = world.products.map((p) => ({
      id: p.id,
      name: p.name,
      usdCents: FULL_CATALOG.find((item) => item.sku === p.sku)?.usdCents ?? 100_000,
    }));
    const indexOf = new Map(world.products.map((p, j) => [p.sku, j]));
    const indexes = (skus: ReadonlyArray<string> | undefined) => (skus ?? []).flatMap((sku) => indexOf.get(sku) ?? []);
    const needs = NEED_NAMES.map((name) => {
      const need = NEEDS[name] as Need;
      return {
        area: need.area,
        items: indexes(need.skus),
        replenish: new Set(indexes(need.replenish)),
        leadsTo: (need.leadsTo ?? []).map((next) => NEED_NAMES.indexOf(next)).filter((k) => k >= 0),
      };
    });
    view = { products, needs };
    catalogViews.set(world, view);
  }
  return view;
}

/**
 * What one account has bought and which needs it has taken up: the next order's products follow
 * from them (the next products of its needs, its consumables again, more of what it has).
 */
class Basket {
  readonly needs: number[] = [];
  private readonly owned = new Set<number>();

  constructor(
    private readonly catalog: CatalogView,
    private readonly afford: ReadonlyArray<number>,
  ) {}

  /** Takes up one more need, by the account's taste, leaning to where its needs lead and to their area. */
  takeUp(r: SeedRandom, taste: ReadonlyArray<number>): void {
    const weights = this.catalog.needs.map((need, k) => {
      if (this.needs.includes(k)) return 0;
      let w = taste[k] ?? 0;
      for (const has of this.needs) {
        const mine = this.catalog.needs[has];
        if (mine?.leadsTo.includes(k)) w += LEADS_TO_BONUS;
        if (mine?.area === need.area) w += SAME_AREA_BONUS;
      }
      return w * (this.afford[need.items[0] ?? -1] ?? 1);
    });
    const k = drawIndex(r, weights);
    if (k >= 0) this.needs.push(k);
  }

  /** `count` distinct products for the next order, marked as bought. */
  choose(r: SeedRandom, count: number): CatalogProduct[] {
    const { products, needs } = this.catalog;
    const weights = products.map((_, j) => TASTE_FLOOR * (this.afford[j] ?? 1));
    for (const k of this.needs) {
      const need = needs[k];
      if (need === undefined) continue;
      let next = 0;
      for (const j of need.items) {
        if (this.owned.has(j)) {
          weights[j] = Math.max(weights[j] ?? 0, need.replenish.has(j) ? REPLENISH_WEIGHT : REBUY_WEIGHT);
        } else if (next < NEXT_IN_LINE.length) {
          weights[j] = (weights[j] ?? 0) + (NEXT_IN_LINE[next] ?? 0) * (this.afford[j] ?? 1);
          next++;
        }
      }
    }
    const chosen: CatalogProduct[] = [];
    for (let n = 0; n < Math.min(count, products.length); n++) {
      const j = drawIndex(r, weights);
      const product = products[j];
      if (product === undefined) break;
      chosen.push(product);
      this.owned.add(j);
      weights[j] = 0;
    }
    return chosen;
  }
}

/** An index drawn in proportion to `weights`, or −1 when they are all zero. */
function drawIndex(r: SeedRandom, weights: ReadonlyArray<number>): number {
  const total = sum(weights);
  if (!(total > 0)) return -1;
  let u = r.next() * total;
  let last = -1;
  for (let j = 0; j < weights.length; j++) {
    const w = weights[j] ?? 0;
    if (w <= 0) continue;
    last = j;
    u -= w;
    if (u < 0) return j;
  }
  return last;
}

/** Order lines for the chosen products, the order's value split among them at random and turned into whole quantities at list price. */
function orderLines(
  world: SeedWorld,
  r: SeedRandom,
  currency: string,
  chosen: ReadonlyArray<CatalogProduct>,
  spendCents: number,
  discountPercent: number,
): SalesLine[] {
  const shares = chosen.map(() => 0.2 + r.next());
  const shareTotal = sum(shares);
  return chosen.map((product, i) => {
    const entry = world.prices.get(product.id)?.get(currency);
    if (entry === undefined) throw new Error(`no ${currency} price for ${product.name}`);
    const line = {
      id: `L${i + 1}`,
      productId: product.id,
      description: product.name,
      quantity: Math.max(1, Math.round((spendCents * (shares[i] ?? 1)) / shareTotal / product.usdCents)),
      unitPrice: entry.unitPrice,
      discountPercent,
    };
    return { ...line, total: lineItemTotal(line) };
  });
}

/** Peak quarters of a seasonal account: one or two, often the industry's busy season. */
function peaks(r: SeedRandom, industry: string | undefined): number[] {
  const hint = PEAK_QUARTER[industry ?? ''];
  const first = hint !== undefined && r.chance(0.7) ? hint : r.int(0, 3);
  if (r.chance(0.6)) return [first];
  return [first, (first + r.pick([1, 2, 3])) % 4].sort((x, y) => x - y);
}

/** Rate multipliers per quarter averaging 1 over a year, with `PEAK_SHARE` of orders in the peaks. */
function seasonalRates(peakQuarters: ReadonlyArray<number>): { byQuarter: number[]; max: number } {
  if (peakQuarters.length === 0) return { byQuarter: [1, 1, 1, 1], max: 1 };
  const peak = (PEAK_SHARE * 4) / peakQuarters.length;
  const off = ((1 - PEAK_SHARE) * 4) / (4 - peakQuarters.length);
  const byQuarter = [0, 1, 2, 3].map((q) => (peakQuarters.includes(q) ? peak : off));
  return { byQuarter, max: Math.max(...byQuarter) };
}

function quarterOf(epochMs: number): number {
  return Math.floor(new Date(epochMs).getUTCMonth() / 3);
}

const sum = (xs: ReadonlyArray<number>) => xs.reduce((s, x) => s + x, 0);

/** A standard normal draw (Box–Muller) from the seeded stream. */
function normal(r: SeedRandom): number {
  return Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
}

/**
 * A Gamma(shape, 1) draw from the seeded stream (Marsaglia–Tsang; shapes below 1 by boosting).
 * The installed @stdlib packages hold no random variates, and the draws must come from the
 * dataset's own seeded stream to stay reproducible per account.
 */
function gamma(r: SeedRandom, shape: number): number {
  if (shape < 1) return gamma(r, shape + 1) * Math.pow(1 - r.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(r);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - r.next();
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

function beta(r: SeedRandom, a: number, b: number): number {
  const x = gamma(r, a);
  return x / (x + gamma(r, b));
}

function dirichlet(r: SeedRandom, alphas: ReadonlyArray<number>): number[] {
  const draws = alphas.map((alpha) => gamma(r, alpha));
  const total = sum(draws);
  return total > 0 ? draws.map((x) => x / total) : alphas.map(() => 1 / alphas.length);
}

/** A stable number in [0, 1) from a string (FNV-1a). */
function hashUnit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 4_294_967_296;
}
