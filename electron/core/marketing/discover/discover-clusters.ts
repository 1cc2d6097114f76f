import { kmeans } from 'ml-kmeans';
import type { RfmSegment } from '../../../../shared/contract/insight/insight-requests';
import {
  DISCOVER_FEATURES,
  type DiscoverCluster,
  type DiscoverFeature,
  type DiscoverResult,
  type DiscoverSuggestion,
  type DiscoverTrait,
} from '../../../../shared/contract/marketing/discover-requests';
import type { ChurnRiskValue, ClvBand, SegmentCondition } from '../../../../shared/marketing/segment-conditions';

/** One account with purchases, as clustering reads it. */
export type DiscoverAccount = {
  readonly id: string;
  readonly currency: string;
  /** Days since the last purchase. */
  readonly recencyDays: number;
  /** Purchase days (same-day orders are one). */
  readonly frequency: number;
  /** Total spend, minor units of `currency`. */
  readonly spend: number;
  /** 12-month CLV in minor units of `currency`; null without a CLV figure. */
  readonly clv12m: number | null;
  /** Churn probability 0..1; null when the churn model gave none. */
  readonly churnRisk: number | null;
  /** Days since the first purchase. */
  readonly tenureDays: number;
  /** What segment conditions read, for the approximate segment definition. */
  readonly rfmSegment: RfmSegment | null;
  readonly churnValue: ChurnRiskValue | null;
  readonly clvBand: ClvBand;
};

export type DiscoverOptions = {
  /** Fewer accounts than this are not clustered (default 50). */
  readonly minimumAccounts?: number;
  /** k-means is fitted on at most this many accounts, then every account joins its nearest centre (default 5,000). */
  readonly fitSample?: number;
  /** Silhouettes are measured on at most this many of the fitted accounts (the measure is quadratic; default 1,000). */
  readonly silhouetteSample?: number;
  readonly kRange?: readonly [number, number];
  readonly seed?: number;
};

export type DiscoverComputed = Omit<DiscoverResult, 'status' | 'computedAt'> & { readonly enough: boolean };

/** A cluster's mean must sit this many standard deviations from the population's to count as a trait. */
const TRAIT_Z = 0.4;
/** Conditions of a suggested segment take values until they cover this share of the cluster. */
const COVERAGE = 0.7;
/** A condition whose values cover more than this share of all accounts selects nothing and is left out. */
const SELECTIVE = 0.85;

/**
 * Clusters accounts on standardized behaviour with k-means (k-means++ starts, best of three seeds),
 * choosing k in `kRange` by the highest mean silhouette, and describes each cluster by the features
 * whose cluster mean is furthest from the population's. Deterministic for the same input.
 *
 * Features: recency and tenure in days, purchase frequency (log), spend and CLV as percentiles within
 * the account's currency (money is never compared across currencies), churn risk. A feature missing
 * for more than half of the accounts (the churn model without signal) is left out; otherwise a missing
 * value takes the population's median.
 */
export function discoverClusters(accounts: ReadonlyArray<DiscoverAccount>, options: DiscoverOptions = {}): DiscoverComputed {
  const minimumAccounts = options.minimumAccounts ?? 50;
  const [kMin, kMax] = options.kRange ?? [3, 6];
  const seed = options.seed ?? 42;
  const empty: DiscoverComputed = {
    enough: false,
    accounts: accounts.length,
    minimumAccounts,
    features: [],
    silhouettes: [],
    k: null,
    clusters: [],
  };
  if (accounts.length < Math.max(minimumAccounts, kMax * 2)) return empty;

  const raw = rawFeatures(accounts);
  const features = DISCOVER_FEATURES.filter((f) => raw[f].missing <= accounts.length / 2 && spread(raw[f].values) > 0);
  if (features.length === 0) return empty;
  const natural = Object.fromEntries(features.map((f) => [f, imputed(raw[f].values)])) as Record<DiscoverFeature, number[]>;
  const points = standardize(features.map((f) => transform(f, natural[f])));

  const random = mulberry32(seed);
  const fitIndexes = sampleIndexes(points.length, options.fitSample ?? 5_000, random);
  const fitPoints = fitIndexes.map((i) => points[i]!);
  const silhouetteIndexes = sampleIndexes(fitPoints.length, options.silhouetteSample ?? 1_000, random);

  let best: { k: number; centroids: number[][]; silhouette: number } | undefined;
  const silhouettes: Array<{ k: number; silhouette: number }> = [];
  for (let k = kMin; k <= kMax; k++) {
    const centroids = fitKMeans(fitPoints, k, seed);
    const labels = silhouetteIndexes.map((i) => nearest(fitPoints[i]!, centroids));
    const silhouette = meanSilhouette(
      silhouetteIndexes.map((i) => fitPoints[i]!),
      labels,
      k,
    );
    silhouettes.push({ k, silhouette: round(silhouette, 4) });
    if (!best || silhouette > best.silhouette + 1e-9) best = { k, centroids, silhouette };
  }
  const { k, centroids } = best!;

  const labels = points.map((p) => nearest(p, centroids));
  const members: number[][] = Array.from({ length: k }, () => []);
  labels.forEach((label, i) => members[label]!.push(i));
  const order = members.map((list, label) => ({ list, label })).filter((c) => c.list.length > 0);
  order.sort((a, b) => b.list.length - a.list.length || a.label - b.label);

  const populationMedian = Object.fromEntries(features.map((f) => [f, median(natural[f])])) as Record<DiscoverFeature, number>;
  const clusters: DiscoverCluster[] = order.map(({ list }, n) => {
    const traits: DiscoverTrait[] = features
      .map((f, j) => {
        const z = list.reduce((sum, i) => sum + points[i]![j]!, 0) / list.length;
        return {
          feature: f,
          direction: z >= 0 ? ('high' as const) : ('low' as const),
          z: round(z, 2),
          cluster: round(median(list.map((i) => natural[f][i]!)), 3),
          population: round(populationMedian[f], 3),
        };
      })
      .filter((trait) => Math.abs(trait.z) >= TRAIT_Z)
      .sort((a, b) => Math.abs(b.z) - Math.abs(a.z))
      .slice(0, 3);
    return {
      number: n + 1,
      size: list.length,
      share: round(list.length / accounts.length, 4),
      traits,
      suggestion: suggestSegment(accounts, new Set(list)),
    };
  });

  return { enough: true, accounts: accounts.length, minimumAccounts, features, silhouettes, k, clusters };
}

type RawFeature = { readonly values: Array<number | null>; readonly missing: number };

function rawFeatures(accounts: ReadonlyArray<DiscoverAccount>): Record<DiscoverFeature, RawFeature> {
  const spendPct = percentilesWithinCurrency(accounts, (a) => a.spend);
  // No CLV figure means no expected value: it ranks with zero.
  const clvPct = percentilesWithinCurrency(accounts, (a) => a.clv12m ?? 0);
  const feature = (values: Array<number | null>): RawFeature => ({ values, missing: values.filter((v) => v === null).length });
  return {
    recency: feature(accounts.map((a) => a.recencyDays)),
    frequency: feature(accounts.map((a) => a.frequency)),
    monetary: feature(spendPct),
    clv: feature(clvPct),
    churn: feature(accounts.map((a) => a.churnRisk)),
    tenure: feature(accounts.map((a) => a.tenureDays)),
  };
}

/** Mid-rank percentile (0..1) of each account's value among the accounts of its currency. */
function percentilesWithinCurrency(accounts: ReadonlyArray<DiscoverAccount>, value: (a: DiscoverAccount) => number): number[] {
  const byCurrency = new Map<string, number[]>();
  accounts.forEach((a, i) => {
    const list = byCurrency.get(a.currency);
    if (list) list.push(i);
    else byCurrency.set(a.currency, [i]);
  });
  const result = new Array<number>(accounts.length).fill(0.5);
  for (const indexes of byCurrency.values()) {
    const sorted = indexes.map((i) => value(accounts[i]!)).sort((a, b) => a - b);
    for (const i of indexes) {
      const v = value(accounts[i]!);
      const below = lowerBound(sorted, v);
      const equal = lowerBound(sorted, v, true) - below;
      result[i] = sorted.length === 1 ? 0.5 : (below + (equal - 1) / 2) / (sorted.length - 1);
    }
  }
  return result;
}

function lowerBound(sorted: ReadonlyArray<number>, v: number, strictlyAbove = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (strictlyAbove ? sorted[mid]! <= v : sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function imputed(values: ReadonlyArray<number | null>): number[] {
  const known = values.filter((v): v is number => v !== null);
  const fill = median(known);
  return values.map((v) => v ?? fill);
}

/** Counts are skewed (a few accounts buy very often): their log spreads the clusters more evenly. */
function transform(feature: DiscoverFeature, values: ReadonlyArray<number>): number[] {
  return feature === 'frequency' ? values.map((v) => Math.log1p(Math.max(0, v))) : [...values];
}

/** Columns in, rows out: each column to mean 0 and standard deviation 1. */
function standardize(columns: ReadonlyArray<ReadonlyArray<number>>): number[][] {
  const n = columns[0]!.length;
  const stats = columns.map((col) => {
    const mean = col.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / n) || 1;
    return { mean, sd };
  });
  return Array.from({ length: n }, (_, i) => columns.map((col, j) => (col[i]! - stats[j]!.mean) / stats[j]!.sd));
}

function spread(values: ReadonlyArray<number | null>): number {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? 0 : Math.max(...known) - Math.min(...known);
}

/** Best of three k-means++ runs by within-cluster sum of squares. */
function fitKMeans(points: number[][], k: number, seed: number): number[][] {
  let best: { centroids: number[][]; inertia: number } | undefined;
  for (let run = 0; run < 3; run++) {
    const result = kmeans(points, k, { seed: seed + run * 7919, initialization: 'kmeans++', maxIterations: 100 });
    const inertia = points.reduce((sum, p, i) => sum + squaredDistance(p, result.centroids[result.clusters[i]!]!), 0);
    if (!best || inertia < best.inertia) best = { centroids: result.centroids, inertia };
  }
  return best!.centroids;
}

function nearest(point: ReadonlyArray<number>, centroids: ReadonlyArray<ReadonlyArray<number>>): number {
  let best = 0;
  let bestDistance = Infinity;
  centroids.forEach((c, i) => {
    const d = squaredDistance(point, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  });
  return best;
}

function squaredDistance(a: ReadonlyArray<number>, b: ReadonlyArray<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return sum;
}

/** Mean silhouette of labelled points (Euclidean); a point alone in its cluster scores 0. */
export function meanSilhouette(points: ReadonlyArray<ReadonlyArray<number>>, labels: ReadonlyArray<number>, k: number): number {
  const n = points.length;
  if (n < 2) return 0;
  const sizes = new Array<number>(k).fill(0);
  for (const label of labels) sizes[label]! += 1;
  let total = 0;
  const sums = new Array<number>(k);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) if (j !== i) sums[labels[j]!]! += Math.sqrt(squaredDistance(points[i]!, points[j]!));
    const own = labels[i]!;
    if (sizes[own]! <= 1) continue;
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    if (b === Infinity) continue;
    total += (b - a) / Math.max(a, b);
  }
  return total / n;
}

/**
 * The segment conditions closest to the cluster: for RFM segment, churn risk and CLV band, the values
 * most over-represented in the cluster (by lift) until they cover COVERAGE of it; a condition is kept
 * only when it leaves out a real part of all accounts. Null when no condition tells the cluster apart.
 */
function suggestSegment(accounts: ReadonlyArray<DiscoverAccount>, inCluster: ReadonlySet<number>): DiscoverSuggestion | null {
  const conditions: Array<{ condition: SegmentCondition; holds: (a: DiscoverAccount) => boolean }> = [];
  const pick = <V extends string>(value: (a: DiscoverAccount) => V | null): V[] | null => {
    const clusterCounts = new Map<V, number>();
    const allCounts = new Map<V, number>();
    accounts.forEach((a, i) => {
      const v = value(a);
      if (v === null) return;
      allCounts.set(v, (allCounts.get(v) ?? 0) + 1);
      if (inCluster.has(i)) clusterCounts.set(v, (clusterCounts.get(v) ?? 0) + 1);
    });
    const ranked = [...clusterCounts]
      .map(([v, count]) => ({ v, count, lift: count / inCluster.size / (allCounts.get(v)! / accounts.length) }))
      .sort((a, b) => b.lift - a.lift || b.count - a.count || (a.v < b.v ? -1 : 1));
    const chosen: V[] = [];
    let covered = 0;
    let selected = 0;
    for (const { v, count } of ranked) {
      if (covered >= COVERAGE * inCluster.size) break;
      chosen.push(v);
      covered += count;
      selected += allCounts.get(v)!;
    }
    if (chosen.length === 0 || selected > SELECTIVE * accounts.length) return null;
    return chosen.sort();
  };
  const rfm = pick((a) => a.rfmSegment);
  if (rfm)
    conditions.push({
      condition: { field: 'rfmSegment', op: 'in', values: rfm },
      holds: (a) => a.rfmSegment !== null && rfm.includes(a.rfmSegment),
    });
  const churn = pick((a) => a.churnValue);
  if (churn)
    conditions.push({
      condition: { field: 'churnRisk', op: 'in', values: churn },
      holds: (a) => a.churnValue !== null && churn.includes(a.churnValue),
    });
  const clv = pick((a) => a.clvBand);
  if (clv) conditions.push({ condition: { field: 'clvBand', op: 'in', values: clv }, holds: (a) => clv.includes(a.clvBand) });
  if (conditions.length === 0) return null;

  let matched = 0;
  let hits = 0;
  accounts.forEach((a, i) => {
    if (!conditions.every((c) => c.holds(a))) return;
    matched += 1;
    if (inCluster.has(i)) hits += 1;
  });
  return {
    definition: { target: 'accounts', root: { op: 'and', items: conditions.map((c) => c.condition) } },
    matched,
    recall: round(hits / inCluster.size, 4),
    precision: matched === 0 ? 0 : round(hits / matched, 4),
  };
}

function sampleIndexes(n: number, limit: number, random: () => number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= limit) return all;
  // Partial Fisher–Yates: the first `limit` places get a uniform sample.
  for (let i = 0; i < limit; i++) {
    const j = i + Math.floor(random() * (n - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, limit).sort((a, b) => a - b);
}

function median(values: ReadonlyArray<number>): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Small seeded generator, so the same accounts always give the same sample and clusters. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
