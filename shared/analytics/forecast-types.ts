/** Names of the models a revenue forecast can come from; the core adds the augurs ones. */
export type ForecastModelName =
  'auto_ets' | 'mstl_12' | 'seasonal_naive_12' | 'mean' | 'croston_sba' | 'zero' | 'theta' | 'damped_trend' | 'comb' | 'combination';

/** Point forecast and both interval pairs for `horizon` steps ahead, as arrays (cheap to clone across threads). */
export type ForecastPaths = {
  readonly mean: readonly number[];
  readonly lower80: readonly number[];
  readonly upper80: readonly number[];
  readonly lower95: readonly number[];
  readonly upper95: readonly number[];
};

/**
 * A candidate model: fits `y` and forecasts `horizon` steps. Throws when it cannot fit (too short,
 * numerical failure); the selector treats a throw as "not a candidate for this series".
 */
export type Forecaster = {
  readonly name: ForecastModelName;
  /** Fewest points the model needs to fit at all. */
  readonly minLength: number;
  /** Cheap pre-check on the full series; returning a reason skips the (costly) candidate. */
  readonly skipReason?: (y: readonly number[]) => string | undefined;
  readonly forecast: (y: readonly number[], horizon: number) => ForecastPaths;
};

export type ForecastPoint = {
  readonly step: number;
  /** `YYYY-MM` of the forecast month when the series start is known. */
  readonly period?: string;
  readonly mean: number;
  readonly lower80: number;
  readonly upper80: number;
  readonly lower95: number;
  readonly upper95: number;
};

/** Errors of the chosen model over the rolling-origin backtest (all folds and steps pooled). */
export type BacktestError = {
  readonly mae: number;
  /** Symmetric MAPE in percent (0..200); months where actual and forecast are both 0 count as 0. */
  readonly smape: number;
  /** MAE over the in-sample MAE of the seasonal-naive (or naive) forecast; < 1 beats that baseline. */
  readonly mase: number;
  readonly folds: number;
  readonly points: number;
};

export type CandidateScore =
  { readonly model: ForecastModelName; readonly mae: number } | { readonly model: ForecastModelName; readonly failed: string };

export type ForecastResult = {
  readonly model: ForecastModelName;
  readonly points: readonly ForecastPoint[];
  /** Null when the series was too short to hold anything out. */
  readonly backtestError: BacktestError | null;
  readonly candidates: readonly CandidateScore[];
  readonly notes: readonly string[];
};
