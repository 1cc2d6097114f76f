/** Small statistics helpers shared by the forecast and win-probability code. Pure, no runtime imports. */

export function mean(xs: ArrayLike<number>): number {
  if (xs.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] ?? 0;
  return s / xs.length;
}

/** Sample standard deviation (n - 1); 0 for fewer than two values. */
export function sampleSd(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return 0;
  const m = mean(xs);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((xs[i] ?? 0) - m) ** 2;
  return Math.sqrt(ss / (n - 1));
}

/** Two-sided standard-normal quantiles for the interval levels we publish. */
export const Z80 = 1.2815515655446004;
export const Z95 = 1.959963984540054;

/**
 * Student-t quantile via the Cornish-Fisher expansion: accurate to ~1e-3 for df >= 3, which is far
 * below the uncertainty of any interval we draw, and avoids shipping an incomplete-beta routine.
 */
export function tQuantile(z: number, df: number): number {
  if (!Number.isFinite(df) || df > 1e6) return z;
  const d = Math.max(df, 1);
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return z + (z3 + z) / (4 * d) + (5 * z5 + 16 * z3 + 3 * z) / (96 * d ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * d ** 3);
}

export type AucResult = {
  readonly auc: number;
  /** Hanley & McNeil (1982) standard error: no resampling, so it is cheap inside a retrain. */
  readonly se: number;
  readonly lower95: number;
  readonly upper95: number;
};

/** ROC AUC as the Mann-Whitney probability that a random positive outranks a random negative (ties count half). */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): AucResult {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  let nPos = 0;
  let rankSumPos = 0;
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1] ?? 0] === scores[idx[i] ?? 0]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[idx[k] ?? 0] === 1) {
        nPos++;
        rankSumPos += avgRank;
      }
    }
    i = j + 1;
  }
  const nNeg = idx.length - nPos;
  if (nPos === 0 || nNeg === 0) return { auc: 0.5, se: 0.5, lower95: 0, upper95: 1 };
  const auc = (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  const variance = (auc * (1 - auc) + (nPos - 1) * (q1 - auc * auc) + (nNeg - 1) * (q2 - auc * auc)) / (nPos * nNeg);
  const se = Math.sqrt(Math.max(variance, 1e-12));
  return { auc, se, lower95: Math.max(0, auc - Z95 * se), upper95: Math.min(1, auc + Z95 * se) };
}

export function brierScore(probs: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (probs.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < probs.length; i++) s += ((probs[i] ?? 0) - (labels[i] ?? 0)) ** 2;
  return s / probs.length;
}

export type ReliabilityBin = {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  readonly meanPredicted: number;
  readonly observedRate: number;
};

/** Equal-width reliability bins (calibration curve); empty bins are left out. */
export function reliabilityBins(probs: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): ReliabilityBin[] {
  const count = new Array<number>(bins).fill(0);
  const sumP = new Array<number>(bins).fill(0);
  const sumY = new Array<number>(bins).fill(0);
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i] ?? 0;
    const b = Math.min(bins - 1, Math.floor(p * bins));
    count[b] = (count[b] ?? 0) + 1;
    sumP[b] = (sumP[b] ?? 0) + p;
    sumY[b] = (sumY[b] ?? 0) + (labels[i] ?? 0);
  }
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const c = count[b] ?? 0;
    if (c === 0) continue;
    out.push({ from: b / bins, to: (b + 1) / bins, count: c, meanPredicted: (sumP[b] ?? 0) / c, observedRate: (sumY[b] ?? 0) / c });
  }
  return out;
}

/** Deterministic PRNG (mulberry32) so splits, simulations and tests repeat exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draw (Box-Muller) from a uniform source. */
export function normalDraw(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** Stable 32-bit hash of a string (FNV-1a), for per-record deterministic choices. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
