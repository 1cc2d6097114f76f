import type { RecommendationSource } from '../contract/insight/insight-requests';
import { hitAtK, ndcgAtK } from './ranking-metrics';
import type { AccountProfile, Transaction } from './transactions';

/**
 * Next-best products from purchase history alone (implicit feedback: what was bought, how often).
 *
 * - Collaborative, for accounts that bought two or more distinct products: item-based nearest
 *   neighbours. An account's interest in a product it bought is 1 + ln(distinct purchase days);
 *   two products are similar when the same accounts buy both (cosine of their interest vectors over
 *   accounts, shrunk by n / (n + shrinkage) where n is the number of accounts buying both, so a
 *   pair seen together once does not look like a perfect match). Each product keeps its top
 *   `neighbours`; a candidate's score is the sum of similarity x interest over the account's products.
 * - Content, for accounts with at most one distinct product: products bought by accounts like it
 *   (same industry, then size band, then region), each level's buying rate shrunk towards the
 *   broader level's so that a small segment does not follow a couple of accounts.
 * - Popular (most accounts buying it) as the last resort, and to fill a short list.
 *
 * A product the account buys regularly is never recommended: bought on two or more distinct days,
 * or bought at all in the 365 days up to today. A product bought once, long ago, may come back.
 */

export const DEFAULT_NEIGHBOURS = 40;
export const DEFAULT_SHRINKAGE = 10;
/** A segment's buying rate counts as if this many accounts of the broader segment were added to it. */
const CONTENT_PRIOR_ACCOUNTS = 10;
/** How far back a single purchase still counts as "buys it": a year. */
export const REGULAR_PURCHASE_DAYS = 365;
/** topProducts counts a product for an account when it is among the account's first this many recommendations. */
export const TOP_PRODUCTS_PER_ACCOUNT = 5;
const MAX_K = 1000;

export type RecommendedProduct = {
  readonly productId: string;
  /** Relative strength within the list, 0..1 (the first is 1). */
  readonly score: number;
  readonly source: RecommendationSource;
  /** For 'collaborative': up to three of the account's products that led to it, strongest first. */
  readonly becauseOf: string[];
};

export type Recommender = {
  recommend(accountId: string, k: number): RecommendedProduct[];
  /** The products most often among the given accounts' first five recommendations, with how many accounts. */
  topProducts(accountIds: readonly string[], k: number): Array<{ productId: string; accounts: number }>;
  /** Whether the account bought the product at all up to today. */
  hasBought(accountId: string, productId: string): boolean;
  readonly productCount: number;
  readonly accountCount: number;
};

export type TrainRecommenderInput = {
  readonly transactions: readonly Transaction[];
  readonly profiles: readonly AccountProfile[];
  readonly todayDay: number;
  readonly neighbours?: number;
  readonly shrinkage?: number;
};

/** Which products an account may not be recommended: the ones it buys regularly, or every one it ever bought. */
type Exclusion = 'regular' | 'bought';

type Core = Recommender & {
  /** The most popular products, with the same exclusion rule as recommend: the evaluation's baseline. */
  popular(accountId: string, k: number): string[];
};

export function trainRecommender(input: TrainRecommenderInput): Recommender {
  return buildRecommender(input, 'regular');
}

function buildRecommender(input: TrainRecommenderInput, exclusion: Exclusion): Core {
  const neighbours = input.neighbours ?? DEFAULT_NEIGHBOURS;
  const shrinkage = input.shrinkage ?? DEFAULT_SHRINKAGE;
  if (!Number.isInteger(input.todayDay)) throw new Error(`todayDay must be a whole day number, got ${input.todayDay}`);
  if (!Number.isInteger(neighbours) || neighbours < 1) throw new Error(`neighbours must be a whole number >= 1, got ${neighbours}`);
  if (!(shrinkage >= 0)) throw new Error(`shrinkage must be >= 0, got ${shrinkage}`);
  const today = input.todayDay;

  // Ids to dense numbers; one pass also finds the day range and each account's number of lines.
  const accountOf = new Map<string, number>();
  const accountIds: string[] = [];
  const productOf = new Map<string, number>();
  const productIds: string[] = [];
  let minDay = Infinity;
  let lines = 0;
  const txAccount = new Int32Array(input.transactions.length).fill(-1);
  for (let t = 0; t < input.transactions.length; t++) {
    const tx = input.transactions[t] as Transaction;
    if (!Number.isInteger(tx.day))
      throw new Error(`Transaction of account ${tx.accountId} has a day that is not a whole number: ${tx.day}`);
    if (tx.day > today || tx.productIds.length === 0) continue;
    let a = accountOf.get(tx.accountId);
    if (a === undefined) {
      a = accountIds.length;
      accountOf.set(tx.accountId, a);
      accountIds.push(tx.accountId);
    }
    txAccount[t] = a;
    for (const p of tx.productIds) {
      if (!productOf.has(p)) {
        productOf.set(p, productIds.length);
        productIds.push(p);
      }
    }
    lines += tx.productIds.length;
    if (tx.day < minDay) minDay = tx.day;
  }
  const nA = accountIds.length;
  const nP = productIds.length;
  const daySpan = Number.isFinite(minDay) ? today - minDay + 1 : 1;

  // Lines per account as keys product * daySpan + day offset, so one numeric sort per account
  // groups a product's lines and orders them by day.
  const lineStart = new Int32Array(nA + 1);
  for (let t = 0; t < input.transactions.length; t++) {
    const a = txAccount[t] ?? -1;
    if (a >= 0) lineStart[a + 1] = (lineStart[a + 1] ?? 0) + (input.transactions[t]?.productIds.length ?? 0);
  }
  for (let a = 0; a < nA; a++) lineStart[a + 1] = (lineStart[a + 1] ?? 0) + (lineStart[a] ?? 0);
  const keys = new Float64Array(lines);
  const fill = lineStart.slice(0, nA);
  for (let t = 0; t < input.transactions.length; t++) {
    const a = txAccount[t] ?? -1;
    if (a < 0) continue;
    const tx = input.transactions[t] as Transaction;
    for (const p of tx.productIds) keys[(fill[a] = (fill[a] ?? 0) + 1) - 1] = (productOf.get(p) ?? 0) * daySpan + (tx.day - minDay);
  }

  // Per account: its distinct products (ascending), interest weight, distinct purchase days and last day.
  const accStart = new Int32Array(nA + 1);
  const accItem = new Int32Array(lines);
  const accWeight = new Float64Array(lines);
  const accDays = new Int32Array(lines);
  const accLast = new Int32Array(lines);
  let out = 0;
  for (let a = 0; a < nA; a++) {
    accStart[a] = out;
    const seg = keys.subarray(lineStart[a] ?? 0, lineStart[a + 1] ?? 0).sort();
    for (let i = 0; i < seg.length; i++) {
      const key = seg[i] ?? 0;
      const item = Math.floor(key / daySpan);
      const day = key - item * daySpan + minDay;
      if (out > (accStart[a] ?? 0) && accItem[out - 1] === item) {
        if (accLast[out - 1] !== day) {
          accDays[out - 1] = (accDays[out - 1] ?? 0) + 1;
          accLast[out - 1] = day;
        }
      } else {
        accItem[out] = item;
        accDays[out] = 1;
        accLast[out] = day;
        out++;
      }
    }
  }
  accStart[nA] = out;
  for (let e = 0; e < out; e++) accWeight[e] = 1 + Math.log(accDays[e] ?? 1);

  // Inverted index: per product, the accounts buying it and their interest.
  const itemStart = new Int32Array(nP + 1);
  for (let e = 0; e < out; e++) itemStart[(accItem[e] ?? 0) + 1] = (itemStart[(accItem[e] ?? 0) + 1] ?? 0) + 1;
  for (let j = 0; j < nP; j++) itemStart[j + 1] = (itemStart[j + 1] ?? 0) + (itemStart[j] ?? 0);
  const itemAccount = new Int32Array(out);
  const itemWeight = new Float64Array(out);
  const itemFill = itemStart.slice(0, nP);
  const norm = new Float64Array(nP);
  for (let a = 0; a < nA; a++) {
    for (let e = accStart[a] ?? 0; e < (accStart[a + 1] ?? 0); e++) {
      const j = accItem[e] ?? 0;
      const w = accWeight[e] ?? 0;
      const pos = (itemFill[j] = (itemFill[j] ?? 0) + 1) - 1;
      itemAccount[pos] = a;
      itemWeight[pos] = w;
      norm[j] = (norm[j] ?? 0) + w * w;
    }
  }
  for (let j = 0; j < nP; j++) norm[j] = Math.sqrt(norm[j] ?? 0);

  // Top neighbours per product, from co-purchase sums gathered over the product's buyers.
  const nbStart = new Int32Array(nP + 1);
  const nbItems: number[] = [];
  const nbSims: number[] = [];
  {
    const dot = new Float64Array(nP);
    const co = new Int32Array(nP);
    const touched = new Int32Array(nP);
    for (let i = 0; i < nP; i++) {
      let nTouched = 0;
      for (let x = itemStart[i] ?? 0; x < (itemStart[i + 1] ?? 0); x++) {
        const a = itemAccount[x] ?? 0;
        const wi = itemWeight[x] ?? 0;
        for (let e = accStart[a] ?? 0; e < (accStart[a + 1] ?? 0); e++) {
          const j = accItem[e] ?? 0;
          if (j === i) continue;
          if (co[j] === 0) touched[nTouched++] = j;
          dot[j] = (dot[j] ?? 0) + wi * (accWeight[e] ?? 0);
          co[j] = (co[j] ?? 0) + 1;
        }
      }
      const cands: Array<{ j: number; sim: number }> = [];
      for (let t = 0; t < nTouched; t++) {
        const j = touched[t] ?? 0;
        const n = co[j] ?? 0;
        cands.push({ j, sim: ((dot[j] ?? 0) / ((norm[i] ?? 1) * (norm[j] ?? 1))) * (n / (n + shrinkage)) });
        dot[j] = 0;
        co[j] = 0;
      }
      cands.sort((x, y) => y.sim - x.sim || x.j - y.j);
      for (const c of cands.slice(0, neighbours)) {
        nbItems.push(c.j);
        nbSims.push(c.sim);
      }
      nbStart[i + 1] = nbItems.length;
    }
  }
  const nbItem = Int32Array.from(nbItems);
  const nbSim = Float64Array.from(nbSims);

  const buyers = (j: number): number => (itemStart[j + 1] ?? 0) - (itemStart[j] ?? 0);
  const popularOrder = Array.from({ length: nP }, (_, j) => j).sort((x, y) => buyers(y) - buyers(x) || x - y);

  // Content: accounts with purchases grouped by profile, and the lazily computed ranking per segment.
  const profileOf = new Map<string, AccountProfile>();
  for (const p of input.profiles) profileOf.set(p.accountId, p);
  const members = new Map<string, number[]>();
  for (let a = 0; a < nA; a++) {
    const profile = profileOf.get(accountIds[a] ?? '');
    if (!profile) continue;
    for (const key of segmentKeys(profile)) {
      const list = members.get(key);
      if (list) list.push(a);
      else members.set(key, [a]);
    }
  }
  const rateCache = new Map<string, Float64Array>();
  const globalRate = Float64Array.from({ length: nP }, (_, j) => buyers(j) / Math.max(nA, 1));
  /** Share of a segment's accounts buying each product, shrunk towards the parent segment's share. */
  const segmentRate = (keys: readonly string[]): Float64Array => {
    const key = keys[keys.length - 1];
    if (key === undefined) return globalRate;
    const cached = rateCache.get(key);
    if (cached) return cached;
    const parent = segmentRate(keys.slice(0, -1));
    const list = members.get(key) ?? [];
    const rate = new Float64Array(nP);
    for (const a of list)
      for (let e = accStart[a] ?? 0; e < (accStart[a + 1] ?? 0); e++) rate[accItem[e] ?? 0] = (rate[accItem[e] ?? 0] ?? 0) + 1;
    for (let j = 0; j < nP; j++)
      rate[j] = ((rate[j] ?? 0) + CONTENT_PRIOR_ACCOUNTS * (parent[j] ?? 0)) / (list.length + CONTENT_PRIOR_ACCOUNTS);
    rateCache.set(key, rate);
    return rate;
  };
  const contentOrderCache = new Map<string, Int32Array>();
  const contentOrder = (keys: readonly string[]): { order: Int32Array; rate: Float64Array } => {
    const rate = segmentRate(keys);
    const key = keys[keys.length - 1] ?? '';
    let order = contentOrderCache.get(key);
    if (!order) {
      order = Int32Array.from({ length: nP }, (_, j) => j).sort((x, y) => (rate[y] ?? 0) - (rate[x] ?? 0) || x - y);
      contentOrderCache.set(key, order);
    }
    return { order, rate };
  };

  // Scratch space of one recommend call (calls never overlap: the worker runs one at a time).
  const score = new Float64Array(nP);
  const touchedScore = new Int32Array(nP);
  /** Per candidate, its three largest contributions (similarity x interest) and the products they came from. */
  const topContribution = new Float64Array(nP * 3);
  const topContributor = new Int32Array(nP * 3);
  /** 1 for the products the current account may not be recommended. */
  const blocked = new Uint8Array(nP);
  const findEntry = (a: number, j: number): number => {
    let lo = accStart[a] ?? 0;
    let hi = accStart[a + 1] ?? 0;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((accItem[mid] ?? 0) < j) lo = mid + 1;
      else hi = mid;
    }
    return lo < (accStart[a + 1] ?? 0) && accItem[lo] === j ? lo : -1;
  };
  const isBlocked = (e: number): boolean =>
    exclusion === 'bought' || (accDays[e] ?? 0) >= 2 || today - (accLast[e] ?? 0) < REGULAR_PURCHASE_DAYS;
  const setBlocked = (a: number | undefined, value: 0 | 1): void => {
    if (a === undefined) return;
    for (let e = accStart[a] ?? 0; e < (accStart[a + 1] ?? 0); e++) if (isBlocked(e)) blocked[accItem[e] ?? 0] = value;
  };

  const recommend = (accountId: string, k: number): RecommendedProduct[] => {
    checkK(k);
    const a = accountOf.get(accountId);
    setBlocked(a, 1);
    try {
      return recommendFor(a, profileOf.get(accountId), k);
    } finally {
      setBlocked(a, 0);
    }
  };

  const recommendFor = (a: number | undefined, profile: AccountProfile | undefined, k: number): RecommendedProduct[] => {
    const list: RecommendedProduct[] = [];
    const chosen = new Set<number>();
    const distinct = a === undefined ? 0 : (accStart[a + 1] ?? 0) - (accStart[a] ?? 0);

    if (a !== undefined && distinct >= 2) {
      let nTouched = 0;
      for (let e = accStart[a] ?? 0; e < (accStart[a + 1] ?? 0); e++) {
        const i = accItem[e] ?? 0;
        const w = accWeight[e] ?? 0;
        for (let x = nbStart[i] ?? 0; x < (nbStart[i + 1] ?? 0); x++) {
          const j = nbItem[x] ?? 0;
          if (blocked[j] === 1) continue;
          const c = (nbSim[x] ?? 0) * w;
          if (score[j] === 0) {
            touchedScore[nTouched++] = j;
            topContribution.fill(0, j * 3, j * 3 + 3);
          }
          score[j] = (score[j] ?? 0) + c;
          // Keep the three largest contributions, largest first.
          for (let slot = 0; slot < 3; slot++) {
            if (c <= (topContribution[j * 3 + slot] ?? 0)) continue;
            for (let m = 2; m > slot; m--) {
              topContribution[j * 3 + m] = topContribution[j * 3 + m - 1] ?? 0;
              topContributor[j * 3 + m] = topContributor[j * 3 + m - 1] ?? 0;
            }
            topContribution[j * 3 + slot] = c;
            topContributor[j * 3 + slot] = i;
            break;
          }
        }
      }
      // Top k by score (ties to the lower product number) by insertion into a short sorted list.
      const best: number[] = [];
      const better = (x: number, y: number): boolean => (score[x] ?? 0) > (score[y] ?? 0) || (score[x] === score[y] && x < y);
      for (let t = 0; t < nTouched; t++) {
        const j = touchedScore[t] ?? 0;
        if (best.length === k && !better(j, best[k - 1] ?? 0)) continue;
        let pos = best.length === k ? k - 1 : best.length;
        if (best.length < k) best.push(j);
        while (pos > 0 && better(j, best[pos - 1] ?? 0)) {
          best[pos] = best[pos - 1] ?? 0;
          pos--;
        }
        best[pos] = j;
      }
      const top = score[best[0] ?? 0] ?? 1;
      for (const j of best) {
        const because: string[] = [];
        for (let slot = 0; slot < 3; slot++)
          if ((topContribution[j * 3 + slot] ?? 0) > 0) because.push(productIds[topContributor[j * 3 + slot] ?? 0] ?? '');
        chosen.add(j);
        list.push({ productId: productIds[j] ?? '', score: (score[j] ?? 0) / top, source: 'collaborative', becauseOf: because });
      }
      for (let t = 0; t < nTouched; t++) score[touchedScore[t] ?? 0] = 0;
    }

    const fillFrom = (order: ArrayLike<number>, rate: ArrayLike<number>, source: RecommendationSource): void => {
      const floor = list[list.length - 1]?.score ?? 1;
      let top = 0;
      for (let x = 0; x < order.length && list.length < k; x++) {
        const j = order[x] ?? 0;
        if (chosen.has(j) || blocked[j] === 1) continue;
        const r = rate[j] ?? 0;
        if (r <= 0) break;
        if (top === 0) top = r;
        chosen.add(j);
        list.push({ productId: productIds[j] ?? '', score: floor * (r / top), source, becauseOf: [] });
      }
    };
    if (list.length < k && profile && profile.industry !== null) {
      const { order, rate } = contentOrder(segmentKeys(profile));
      fillFrom(order, rate, 'content');
    }
    if (list.length < k) fillFrom(popularOrder, globalRate, 'popular');
    return list;
  };

  const popular = (accountId: string, k: number): string[] => {
    checkK(k);
    const a = accountOf.get(accountId);
    const outList: string[] = [];
    for (let x = 0; x < popularOrder.length && outList.length < k; x++) {
      const j = popularOrder[x] ?? 0;
      const e = a === undefined ? -1 : findEntry(a, j);
      if (e < 0 || !isBlocked(e)) outList.push(productIds[j] ?? '');
    }
    return outList;
  };

  const topProducts = (ids: readonly string[], k: number): Array<{ productId: string; accounts: number }> => {
    checkK(k);
    const counts = new Map<string, number>();
    for (const id of ids)
      for (const r of recommend(id, TOP_PRODUCTS_PER_ACCOUNT)) counts.set(r.productId, (counts.get(r.productId) ?? 0) + 1);
    return [...counts]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
      .slice(0, k)
      .map(([productId, accounts]) => ({ productId, accounts }));
  };

  const hasBought = (accountId: string, productId: string): boolean => {
    const a = accountOf.get(accountId);
    const j = productOf.get(productId);
    return a !== undefined && j !== undefined && findEntry(a, j) >= 0;
  };

  return { recommend, topProducts, hasBought, popular, productCount: nP, accountCount: nA };
}

/** Segments from the broadest to the narrowest: industry, then size band (when known), then region. */
function segmentKeys(profile: AccountProfile): string[] {
  if (profile.industry === null) return [];
  const industry = `i\u0000${profile.industry}`;
  const withSize = profile.size === null ? industry : `${industry}\u0000s\u0000${profile.size}`;
  return profile.size === null
    ? [industry, `${withSize}\u0000r\u0000${profile.region}`]
    : [industry, withSize, `${withSize}\u0000r\u0000${profile.region}`];
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) throw new Error(`k must be a whole number from 1 to ${MAX_K}, got ${k}`);
}

export type RecommenderEvaluation = {
  /** Share of test accounts with at least one of their new products among the first five recommended; null without test accounts. */
  readonly hitRateAt5: number | null;
  readonly ndcgAt5: number | null;
  /** The same for the five most popular products the account had not bought. */
  readonly popularityHitRateAt5: number | null;
  readonly popularityNdcgAt5: number | null;
  readonly testAccounts: number;
};

/**
 * Time-split check: trained on purchases before splitDay; the test accounts are those that bought,
 * on or after splitDay, a product they had not bought before it, and those new products are the
 * relevant ones. Both the recommender and the popularity baseline leave out every product the
 * account bought before the split (it cannot be new), so they compete on the same candidates.
 */
export function evaluateRecommender(input: {
  readonly transactions: readonly Transaction[];
  readonly profiles: readonly AccountProfile[];
  readonly splitDay: number;
}): RecommenderEvaluation {
  if (!Number.isInteger(input.splitDay)) throw new Error(`splitDay must be a whole day number, got ${input.splitDay}`);
  const model = buildRecommender(
    { transactions: input.transactions.filter((t) => t.day < input.splitDay), profiles: input.profiles, todayDay: input.splitDay - 1 },
    'bought',
  );
  const relevant = new Map<string, Set<string>>();
  for (const t of input.transactions) {
    if (t.day < input.splitDay) continue;
    for (const p of t.productIds) {
      if (model.hasBought(t.accountId, p)) continue;
      const set = relevant.get(t.accountId);
      if (set) set.add(p);
      else relevant.set(t.accountId, new Set([p]));
    }
  }
  let hit = 0;
  let ndcg = 0;
  let popHit = 0;
  let popNdcg = 0;
  for (const [accountId, items] of relevant) {
    const recs = model.recommend(accountId, 5).map((r) => r.productId);
    const pop = model.popular(accountId, 5);
    hit += hitAtK(recs, items, 5);
    ndcg += ndcgAtK(recs, items, 5);
    popHit += hitAtK(pop, items, 5);
    popNdcg += ndcgAtK(pop, items, 5);
  }
  const n = relevant.size;
  const share = (x: number): number | null => (n > 0 ? x / n : null);
  return {
    hitRateAt5: share(hit),
    ndcgAt5: share(ndcg),
    popularityHitRateAt5: share(popHit),
    popularityNdcgAt5: share(popNdcg),
    testAccounts: n,
  };
}
