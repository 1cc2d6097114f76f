import { crostonSbaForecaster, meanForecaster } from './baseline-forecasters';
import type {
  BacktestError,
  CandidateScore,
  ForecastModelName,
  ForecastPaths,
  ForecastPoint,
  ForecastResult,
  Forecaster,
} from './forecast-types';
import { backtestCandidate, maseScale, planBacktest, scoreFolds, type CandidateBacktest } from './rolling-backtest';

export type SelectForecastOptions = {
  readonly horizon: number;
  /** Candidates in order of simplicity: on a near-tie the earlier one wins (fewer ways to be wrong). */
  readonly candidates: readonly Forecaster[];
  readonly labelPeriod?: (step: number) => string;
  /** When 2 or more: the equal-weight average of that many best candidates competes too. */
  readonly combineBest?: number;
};

/** A month share of zeros above this makes a series intermittent (one deal every few months). */
export const INTERMITTENT_ZERO_SHARE = 0.3;
/** Below this many months there is nothing to hold out; the mean with a t interval is the honest answer. */
export const MIN_BACKTEST_LENGTH = 6;
/** A more complex candidate must beat a simpler one by this much MAE to be chosen. */
const TIE_MARGIN = 0.02;

/**
 * Picks the model for one series by rolling-origin backtest MAE, forecasts with it on the full series,
 * and rescales its intervals by how wide its backtest errors really were.
 */
export function selectAndForecast(raw: readonly number[], options: SelectForecastOptions): ForecastResult {
  const y = raw.map((v) => (Number.isFinite(v) ? v : 0));
  const n = y.length;
  const notes: string[] = [];
  const nonNegative = y.every((v) => v >= 0);

  if (n === 0 || y.every((v) => v === 0)) {
    notes.push(n === 0 ? 'No history: forecast is zero.' : 'No closed-won revenue in the history: forecast is zero.');
    return finish('zero', zeroPaths(options.horizon), null, [], notes, options, nonNegative);
  }
  if (n < MIN_BACKTEST_LENGTH) {
    notes.push(`Only ${n} month(s) of history: mean forecast, intervals from the spread of those months, no backtest.`);
    return finish('mean', shortPaths(y, options.horizon), null, [], notes, options, nonNegative);
  }

  const zeroShare = y.filter((v) => v === 0).length / n;
  const intermittent = zeroShare >= INTERMITTENT_ZERO_SHARE;
  let pool = options.candidates;
  if (intermittent) {
    notes.push(`Intermittent series (${Math.round(zeroShare * 100)}% zero months): Croston-SBA or mean, intervals from past months.`);
    pool = [meanForecaster, crostonSbaForecaster];
  }
  const plan = planBacktest(n, options.horizon);
  if (!plan) {
    notes.push('Too short to backtest: mean forecast.');
    return finish('mean', meanForecaster.forecast(y, options.horizon), null, [], notes, options, nonNegative);
  }
  const firstOrigin = plan.origins[0] ?? n;
  const tooShort = pool.filter((c) => c.minLength > firstOrigin).map((c) => c.name);
  if (tooShort.length > 0) notes.push(`Too short for ${tooShort.join(', ')} (${n} months).`);
  const eligible = pool.filter((c) => {
    if (c.minLength > firstOrigin) return false;
    const reason = c.skipReason?.(y);
    if (reason) notes.push(`${c.name} skipped: ${reason}.`);
    return !reason;
  });

  const scores: CandidateScore[] = [];
  const results = new Map<ForecastModelName, CandidateBacktest>();
  for (const candidate of eligible) {
    try {
      const bt = backtestCandidate(y, candidate, plan);
      results.set(candidate.name, bt);
      scores.push({ model: candidate.name, mae: bt.mae });
    } catch (error) {
      scores.push({ model: candidate.name, failed: error instanceof Error ? error.message : String(error) });
    }
  }

  // Walk from simple to complex and switch only on a clear win, so noise does not buy complexity.
  const ranked = eligible.filter((c) => results.has(c.name));
  let best: Forecaster | undefined;
  for (const c of ranked) {
    const mae = results.get(c.name)?.mae ?? Infinity;
    const bestMae = best ? (results.get(best.name)?.mae ?? Infinity) : Infinity;
    if (!best || mae < bestMae * (1 - TIE_MARGIN)) best = c;
  }
  // Averaging the few best candidates is often better than any one of them (the M-competitions'
  // lesson); the average is backtested like a candidate and has to win on the same terms.
  const topK = options.combineBest ?? 0;
  if (best && topK >= 2) {
    const top = [...ranked].sort((a, b) => (results.get(a.name)?.mae ?? 0) - (results.get(b.name)?.mae ?? 0)).slice(0, topK);
    if (top.length >= 2) {
      // Scored from the members' own backtest forecasts: averaging them is all the average does.
      const memberFolds = top.map((c) => results.get(c.name)?.folds ?? []);
      const bt = scoreFolds(
        y,
        plan,
        plan.origins.map((_, fold) => averagePaths(memberFolds.map((f) => f[fold]).filter((p): p is ForecastPaths => p !== undefined))),
      );
      const combined = combinationOf(top);
      scores.push({ model: combined.name, mae: bt.mae });
      if (bt.mae < (results.get(best.name)?.mae ?? Infinity) * (1 - TIE_MARGIN)) {
        results.set(combined.name, bt);
        notes.push(`Average of ${top.map((c) => c.name).join(', ')}.`);
        ranked.push(combined);
        best = combined;
      }
    }
  }
  // Try the winner on the full series; if it cannot fit there, the next best by MAE takes over.
  const order = best
    ? [best, ...ranked.filter((c) => c !== best).sort((a, b) => (results.get(a.name)?.mae ?? 0) - (results.get(b.name)?.mae ?? 0))]
    : [];
  for (const model of order) {
    try {
      const bt = results.get(model.name);
      const paths = model.forecast(y, options.horizon);
      if (!paths.mean.every(Number.isFinite)) throw new Error('non-finite forecast');
      if (model !== best) notes.push(`${best?.name ?? 'best model'} failed on the full series; using ${model.name}.`);
      const scale = bt ? intervalScale(bt.standardizedErrors) : 1;
      if (scale > 1.05) notes.push(`Intervals widened x${scale.toFixed(2)}: backtest errors were larger than the model's own intervals.`);
      return finish(
        model.name,
        widen(paths, scale),
        bt ? backtestError(bt, plan.origins.length, maseScale(y)) : null,
        scores,
        notes,
        options,
        nonNegative,
      );
    } catch (error) {
      scores.push({ model: model.name, failed: `full fit: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  notes.push('Every candidate failed: mean forecast.');
  return finish('mean', meanForecaster.forecast(y, options.horizon), null, scores, notes, options, nonNegative);
}

/**
 * Out-of-sample errors divided by the sd the model claimed should have RMS 1. Fitted models claim
 * too little (parameters and model choice are estimated on the same data), so we widen by the RMS,
 * shrunk toward 1 with a prior worth 8 errors because a few folds are noisy. We never narrow: a
 * model that looked too cautious in three folds is more likely lucky than over-cautious.
 */
export function intervalScale(standardized: readonly number[]): number {
  const prior = 8;
  const ss = standardized.reduce((s, z) => s + z * z, 0);
  const rms = Math.sqrt((prior + ss) / (prior + standardized.length));
  return Math.min(Math.max(rms, 1), 3);
}

function widen(p: ForecastPaths, s: number): ForecastPaths {
  if (s === 1) return p;
  const w = (m: readonly number[], b: readonly number[]): number[] => b.map((v, i) => (m[i] ?? 0) + s * (v - (m[i] ?? 0)));
  return {
    mean: p.mean,
    lower80: w(p.mean, p.lower80),
    upper80: w(p.mean, p.upper80),
    lower95: w(p.mean, p.lower95),
    upper95: w(p.mean, p.upper95),
  };
}

function backtestError(bt: CandidateBacktest, folds: number, scale: number): BacktestError {
  return { mae: bt.mae, smape: bt.smape, mase: scale > 0 ? bt.mae / scale : bt.mae === 0 ? 0 : Number.MAX_VALUE, folds, points: bt.points };
}

function zeroPaths(h: number): ForecastPaths {
  const z = new Array<number>(h).fill(0);
  return { mean: z, lower80: z, upper80: z, lower95: z, upper95: z };
}

/** One to five months: a flat mean, and an interval from their range widened because the range of so few understates. */
function shortPaths(y: readonly number[], h: number): ForecastPaths {
  const m = y.reduce((a, b) => a + b, 0) / y.length;
  const spread = Math.max(Math.max(...y) - Math.min(...y), Math.abs(m) * 0.5);
  const fill = (v: number): number[] => new Array<number>(h).fill(v);
  return {
    mean: fill(m),
    lower80: fill(m - spread),
    upper80: fill(m + spread),
    lower95: fill(m - 2 * spread),
    upper95: fill(m + 2 * spread),
  };
}

function finish(
  model: ForecastModelName,
  paths: ForecastPaths,
  error: BacktestError | null,
  candidates: CandidateScore[],
  notes: string[],
  options: SelectForecastOptions,
  nonNegative: boolean,
): ForecastResult {
  // Revenue cannot go below zero; clamping keeps every interval that held the truth still holding it.
  const clamp = (v: number): number => (nonNegative ? Math.max(0, v) : v);
  const points: ForecastPoint[] = [];
  for (let i = 0; i < options.horizon; i++) {
    const period = options.labelPeriod?.(i + 1);
    points.push({
      step: i + 1,
      ...(period === undefined ? {} : { period }),
      mean: clamp(paths.mean[i] ?? 0),
      lower80: clamp(paths.lower80[i] ?? 0),
      upper80: clamp(paths.upper80[i] ?? 0),
      lower95: clamp(paths.lower95[i] ?? 0),
      upper95: clamp(paths.upper95[i] ?? 0),
    });
  }
  return { model, points, backtestError: error, candidates, notes };
}

/** Equal-weight average of the members' means and bounds (bounds too narrow for the spread are widened by the backtest). */
export function combinationOf(members: readonly Forecaster[]): Forecaster {
  return {
    name: 'combination',
    minLength: Math.max(...members.map((m) => m.minLength)),
    forecast: (y, horizon) => averagePaths(members.map((m) => m.forecast(y, horizon))),
  };
}

function averagePaths(paths: readonly ForecastPaths[]): ForecastPaths {
  if (paths.length === 0) throw new Error('nothing to average');
  const horizon = paths[0]?.mean.length ?? 0;
  const avg = (pick: (p: ForecastPaths) => readonly number[]): number[] =>
    Array.from({ length: horizon }, (_, h) => paths.reduce((s, p) => s + (pick(p)[h] ?? 0), 0) / paths.length);
  return {
    mean: avg((p) => p.mean),
    lower80: avg((p) => p.lower80),
    upper80: avg((p) => p.upper80),
    lower95: avg((p) => p.lower95),
    upper95: avg((p) => p.upper95),
  };
}
