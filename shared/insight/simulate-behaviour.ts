import { normalDraw, seededRandom } from '../analytics/stats';
import type { AccountProfile, ServiceEvents, Transaction } from './transactions';

/**
 * Seeded synthetic customers whose behaviour has a known cause, so tests and benchmarks can check
 * that the churn and recommendation models find exactly what was put in (and nothing when nothing was).
 */

/** 2026-01-01: the simulated "today". */
const TODAY_DAY = 20_454;
const HISTORY_DAYS = 3 * 365;
const CHURN_WINDOW_DAYS = 180;
/** With signal, an account fades over this many days before its last purchase. */
const DECLINE_DAYS = 150;
const NO_PRODUCTS: readonly string[] = [];

export type SimulatedChurnData = {
  readonly transactions: Transaction[];
  readonly events: ServiceEvents;
  readonly todayDay: number;
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends ReadonlyArray<infer U> ? U[] : T[K] };

/**
 * Customers who buy as a Poisson process and may stop for good on a "churn day".
 * With `signal`, an account fades in the months before it stops: purchases thin out, orders get
 * smaller, more cases miss their targets, CSAT and NPS drop, fewer activities are logged. Without
 * it, every account behaves the same up to the split day (today - 180 days) and whether it buys in
 * the window after is a coin flip, so nothing before the split can predict it.
 */
export function simulateChurnData(options: {
  readonly accounts: number;
  readonly seed: number;
  readonly signal: boolean;
}): SimulatedChurnData {
  const rand = seededRandom(options.seed);
  const today = TODAY_DAY;
  const split = today - CHURN_WINDOW_DAYS;
  const historyStart = today - HISTORY_DAYS;
  const transactions: Transaction[] = [];
  const events: Mutable<ServiceEvents> = { cases: [], surveys: [], activities: [] };

  for (let i = 0; i < options.accounts; i++) {
    const accountId = `acc-${i}`;
    // A tenth are new: their first purchase is after the split, so they are scored but not labelled.
    const first =
      rand() < 0.1
        ? split + Math.floor(rand() * (CHURN_WINDOW_DAYS - 10))
        : historyStart + Math.floor(rand() * (split - 30 - historyStart));
    const meanGap = Math.exp(Math.log(15) + rand() * Math.log(120 / 15));
    const orderSize = Math.exp(Math.log(50_000) + 0.6 * normalDraw(rand));
    const surveyed = rand() < 0.8;
    let churnDay = Infinity;
    let coinChurn = false;
    if (options.signal) {
      if (rand() < 0.45) churnDay = first + 60 + Math.floor(rand() * (today + 400 - first - 60));
    } else if (first <= split) {
      coinChurn = rand() < 0.35;
    }
    /** How much of its usual self the account is on a day: 1 normally, fading to 0.15 before the churn day, 0 after. */
    const vigour = (day: number): number => {
      if (day >= churnDay) return 0;
      if (!options.signal || day < churnDay - DECLINE_DAYS) return 1;
      return 1 - 0.85 * ((day - (churnDay - DECLINE_DAYS)) / DECLINE_DAYS);
    };

    // Purchases: thinning of a Poisson process at the usual rate by the account's vigour.
    let boughtInWindow = false;
    for (let day = first; day <= today; day += 1 + Math.floor(-Math.log(Math.max(rand(), 1e-12)) * meanGap)) {
      if (coinChurn && day > split) break;
      const v = vigour(day);
      if (day !== first && rand() >= v) continue;
      if (day > split) boughtInWindow = true;
      transactions.push({
        accountId,
        day,
        amount: Math.round(orderSize * (0.5 + 0.5 * v) * (0.7 + 0.6 * rand())),
        productIds: NO_PRODUCTS,
      });
    }
    // Without signal, an account the coin kept buys in the window even if its rate alone would not have.
    if (!options.signal && !coinChurn && first <= split && !boughtInWindow) {
      transactions.push({
        accountId,
        day: split + 1 + Math.floor(rand() * CHURN_WINDOW_DAYS),
        amount: Math.round(orderSize),
        productIds: NO_PRODUCTS,
      });
    }

    // Service events: Poisson processes whose rates and scores follow the account's vigour when there is a signal.
    const strained = (day: number): boolean => vigour(day) < 0.8 && day < churnDay;
    const eventsUntil = Math.min(today, churnDay);
    poissonDays(rand, first, eventsUntil, 60, (day) => {
      const s = strained(day);
      if (rand() >= (s ? 1 : 0.35)) return;
      const resolved = day + 1 + Math.floor(rand() * (s ? 60 : 20));
      events.cases.push({
        accountId,
        openedDay: day,
        resolvedDay: resolved <= today ? resolved : null,
        breached: rand() < (s ? 0.6 : 0.1),
      });
    });
    if (surveyed) {
      poissonDays(rand, first, eventsUntil, 90, (day) => {
        const score = strained(day) ? 2.4 + 0.8 * normalDraw(rand) : 4.2 + 0.6 * normalDraw(rand);
        events.surveys.push({ accountId, day, kind: 'csat', score: Math.round(Math.min(5, Math.max(1, score))) });
      });
      poissonDays(rand, first, eventsUntil, 180, (day) => {
        const score = strained(day) ? 4 + 2 * normalDraw(rand) : 8 + 1.5 * normalDraw(rand);
        events.surveys.push({ accountId, day, kind: 'nps', score: Math.round(Math.min(10, Math.max(0, score))) });
      });
    }
    poissonDays(rand, first, today, 20, (day) => {
      if (rand() < (day >= churnDay ? 0.1 : strained(day) ? 0.3 : 1)) events.activities.push({ accountId, day });
    });
  }
  return { transactions, events, todayDay: today };
}

/** Calls `emit` on the days of a Poisson process with the given mean gap, from `from` to `to` inclusive. */
function poissonDays(rand: () => number, from: number, to: number, meanGap: number, emit: (day: number) => void): void {
  for (
    let day = from + Math.floor(-Math.log(Math.max(rand(), 1e-12)) * meanGap);
    day <= to;
    day += 1 + Math.floor(-Math.log(Math.max(rand(), 1e-12)) * meanGap)
  ) {
    emit(day);
  }
}

export type SimulatedPreferenceData = {
  readonly transactions: Transaction[];
  readonly profiles: AccountProfile[];
  /** Purchases before this day train a recommender; new products bought from it on test it. */
  readonly splitDay: number;
  readonly todayDay: number;
};

const INDUSTRIES = ['manufacturing', 'retail', 'healthcare', 'finance', 'logistics', 'education', 'energy', 'hospitality'];
const SIZES = ['1-49', '50-249', '250-999', '1000+'];
const REGIONS = ['north', 'south', 'east', 'west', 'central'];
const LATENT_DIMENSIONS = 6;
const PREFERENCE_HISTORY_DAYS = 2 * 365;
const PREFERENCE_TEST_DAYS = 180;

/**
 * Accounts buying from a catalogue by latent taste: each product has a vector and a popularity,
 * each account a vector drawn around its industry's (plus small size and region shifts); a product
 * is picked with probability softmax(account . product + popularity). Accounts mostly re-order what
 * they already buy and now and then try something new, as customers do, so the products bought new
 * after the split day are the ones a recommender should have suggested.
 */
export function simulatePreferences(options: {
  readonly accounts: number;
  readonly products: number;
  readonly seed: number;
}): SimulatedPreferenceData {
  const rand = seededRandom(options.seed);
  const d = LATENT_DIMENSIONS;
  const vector = (scale: number): Float64Array => Float64Array.from({ length: d }, () => scale * normalDraw(rand));
  const industryTaste = INDUSTRIES.map(() => vector(1.2));
  const sizeTaste = SIZES.map(() => vector(0.3));
  const regionTaste = REGIONS.map(() => vector(0.3));
  const productVectors = Array.from({ length: options.products }, () => vector(1));
  const popularity = Float64Array.from({ length: options.products }, () => 0.8 * normalDraw(rand));
  const productIds = Array.from({ length: options.products }, (_, j) => `prod-${j}`);

  const today = TODAY_DAY;
  const splitDay = today - PREFERENCE_TEST_DAYS;
  const start = today - PREFERENCE_HISTORY_DAYS;
  const transactions: Transaction[] = [];
  const profiles: AccountProfile[] = [];
  const cumulative = new Float64Array(options.products);
  for (let i = 0; i < options.accounts; i++) {
    const accountId = `acc-${i}`;
    const industry = Math.floor(rand() * INDUSTRIES.length);
    const size = Math.floor(rand() * SIZES.length);
    const region = Math.floor(rand() * REGIONS.length);
    profiles.push({
      accountId,
      industry: INDUSTRIES[industry] ?? null,
      region: REGIONS[region] ?? '',
      tier: rand() < 0.2 ? 'gold' : 'standard',
      size: SIZES[size] ?? null,
      currency: 'EUR',
    });
    const taste = vector(0.6);
    for (let k = 0; k < d; k++) {
      taste[k] = (taste[k] ?? 0) + (industryTaste[industry]?.[k] ?? 0) + (sizeTaste[size]?.[k] ?? 0) + (regionTaste[region]?.[k] ?? 0);
    }
    let total = 0;
    for (let j = 0; j < options.products; j++) {
      const v = productVectors[j] ?? new Float64Array(d);
      let logit = popularity[j] ?? 0;
      for (let k = 0; k < d; k++) logit += (taste[k] ?? 0) * (v[k] ?? 0);
      total += Math.exp(logit);
      cumulative[j] = total;
    }
    const draw = (): number => {
      const u = rand() * total;
      let lo = 0;
      let hi = options.products - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((cumulative[mid] ?? 0) < u) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };

    const first = start + Math.floor(rand() * (PREFERENCE_HISTORY_DAYS - 30));
    const meanGap = 20 + rand() * 60;
    const owned: number[] = [];
    for (let day = first; day <= today; day += 1 + Math.floor(-Math.log(Math.max(rand(), 1e-12)) * meanGap)) {
      const lines = 1 + Math.floor(rand() * 3);
      const basket = new Set<number>();
      for (let l = 0; l < lines; l++) {
        const reorder = owned.length > 0 && rand() < 0.75;
        const product = reorder ? (owned[Math.floor(rand() * owned.length)] ?? 0) : draw();
        if (!reorder && !owned.includes(product)) owned.push(product);
        basket.add(product);
      }
      transactions.push({
        accountId,
        day,
        amount: 10_000 * basket.size,
        productIds: [...basket].map((j) => productIds[j] ?? ''),
      });
    }
  }
  return { transactions, profiles, splitDay, todayDay: today };
}
