import type { ForecastPaths, Forecaster } from '../../../shared/analytics/forecast-types';
import { SEASONAL_STRENGTH_GATE, seasonalStrength12 } from '../../../shared/analytics/seasonal-strength';
import { AutoETS, ensureAugurs, MSTL } from './augurs-wasm';

/** Above this seasonal strength a non-seasonal model cannot win; see autoEtsForecaster. */
const STRONG_SEASON = 0.6;

type Fitted = {
  predict(horizon: number, level?: number | null): { point: number[]; intervals: { lower: number[]; upper: number[] } | undefined };
  free(): void;
};

function pathsOf(model: Fitted, horizon: number): ForecastPaths {
  const f80 = model.predict(horizon, 0.8);
  const f95 = model.predict(horizon, 0.95);
  if (!f80.intervals || !f95.intervals) throw new Error('the model returned no intervals');
  return {
    mean: f80.point,
    lower80: f80.intervals.lower,
    upper80: f80.intervals.upper,
    lower95: f95.intervals.lower,
    upper95: f95.intervals.upper,
  };
}

/**
 * augurs' AutoETS over non-seasonal specs, additive error ("AZN": no, additive or damped trend,
 * picked by AICc). Seasonal ETS is not implemented in augurs 0.10, so MSTL carries seasonality.
 * Multiplicative errors are left out: they need strictly positive data (revenue months can be 0)
 * and doubling the search doubles the cost for no gain we could measure on our test series.
 */
export const autoEtsForecaster: Forecaster = {
  name: 'auto_ets',
  minLength: 8,
  // MSTL's trend model is this same AutoETS, so where a strong season exists MSTL covers everything
  // ETS could do; skipping it there saves three wasm fits on exactly the costliest series.
  skipReason(y) {
    const strength = y.length >= 36 ? seasonalStrength12(y) : 0;
    return strength >= STRONG_SEASON ? `strong 12-month season (strength ${strength.toFixed(2)}), MSTL covers it` : undefined;
  },
  forecast(y, horizon) {
    ensureAugurs();
    const model = new AutoETS(1, 'AZN');
    try {
      model.fit(Float64Array.from(y));
      return pathsOf(model, horizon);
    } finally {
      model.free();
    }
  },
};

/** MSTL with a 12-month season and an AutoETS trend; STL needs at least two full years. */
export const mstlForecaster: Forecaster = {
  name: 'mstl_12',
  minLength: 24,
  skipReason(y) {
    const strength = seasonalStrength12(y);
    return strength < SEASONAL_STRENGTH_GATE ? `no 12-month season (strength ${strength.toFixed(2)})` : undefined;
  },
  forecast(y, horizon) {
    ensureAugurs();
    const model = MSTL.ets([12]);
    try {
      model.fit(Float64Array.from(y));
      return pathsOf(model, horizon);
    } finally {
      model.free();
    }
  },
};
