/**
 * Strength of a 12-month season, F_s = max(0, 1 - Var(remainder) / Var(detrended)) after a
 * classical decomposition (Hyndman & Athanasopoulos, FPP3 §4.3). 0 = no season, 1 = pure season.
 * Cheap (no wasm), so it gates the costly MSTL candidate: on pure noise with 4-5 years the
 * twelve month means alone explain ~0.2-0.25 of the variance, hence a gate well above that.
 */
export function seasonalStrength12(y: readonly number[]): number {
  const n = y.length;
  const p = 12;
  if (n < 2 * p) return 0;
  const detrended: Array<number | undefined> = new Array<number | undefined>(n).fill(undefined);
  for (let t = p / 2; t < n - p / 2; t++) {
    // 2x12 centred moving average: half weight on the two ends so each calendar month counts once.
    let s = 0.5 * ((y[t - p / 2] ?? 0) + (y[t + p / 2] ?? 0));
    for (let k = -p / 2 + 1; k < p / 2; k++) s += y[t + k] ?? 0;
    detrended[t] = (y[t] ?? 0) - s / p;
  }
  const sums = new Array<number>(p).fill(0);
  const counts = new Array<number>(p).fill(0);
  for (let t = 0; t < n; t++) {
    const d = detrended[t];
    if (d === undefined) continue;
    sums[t % p] = (sums[t % p] ?? 0) + d;
    counts[t % p] = (counts[t % p] ?? 0) + 1;
  }
  const seasonal = sums.map((s, m) => s / Math.max(counts[m] ?? 1, 1));
  const level = seasonal.reduce((a, b) => a + b, 0) / p;
  const dVals: number[] = [];
  const rVals: number[] = [];
  for (let t = 0; t < n; t++) {
    const d = detrended[t];
    if (d === undefined) continue;
    dVals.push(d);
    rVals.push(d - ((seasonal[t % p] ?? 0) - level));
  }
  const v = (xs: number[]): number => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    return xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length;
  };
  const vd = v(dVals);
  return vd === 0 ? 0 : Math.max(0, 1 - v(rVals) / vd);
}

/** Gate for seasonal candidates; see seasonalStrength12 for why it sits well above chance. */
export const SEASONAL_STRENGTH_GATE = 0.4;
