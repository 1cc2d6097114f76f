import { normalDraw, seededRandom } from '../../shared/analytics/stats';

/** Structures of monthly business series the revenue forecast is judged on. */
export const SUITE_KINDS = ['trend', 'seasonal', 'damped', 'noise', 'intermittent'] as const;
export type SuiteKind = (typeof SUITE_KINDS)[number];

export type SuiteSeries = {
  readonly kind: SuiteKind;
  /** History the forecaster sees, oldest first. */
  readonly history: number[];
  /** The months after it, to score the forecast on. */
  readonly future: number[];
};

/**
 * Seeded monthly series of known structure, in equal shares per kind, 3–6 years of history plus the
 * holdout: levels and noise differ per series (noise 5–20 % of the level), trends grow or decline,
 * seasons are multiplicative (as revenue seasons are) with an amplitude of 10–40 %, damped trends
 * flatten out, and intermittent series are "a deal every few months".
 */
export function monthlySeriesSuite(count: number, seed: number, holdout = 12): SuiteSeries[] {
  const rand = seededRandom(seed);
  const out: SuiteSeries[] = [];
  for (let i = 0; i < count; i++) {
    const kind = SUITE_KINDS[i % SUITE_KINDS.length] ?? 'noise';
    const length = 36 + Math.floor(rand() * 37) + holdout;
    const level = 100 * Math.exp(rand() * 3);
    const noise = 0.05 + rand() * 0.15;
    const growth = (rand() * 2 - 0.7) * 0.015 * level;
    const amplitude = 0.1 + rand() * 0.3;
    const phase = Math.floor(rand() * 12);
    const phi = 0.85 + rand() * 0.1;
    const values: number[] = [];
    let damped = level;
    let slope = growth * 2;
    for (let t = 0; t < length; t++) {
      let signal: number;
      switch (kind) {
        case 'trend':
          signal = level + growth * t;
          break;
        case 'seasonal':
          signal = (level + growth * t) * (1 + amplitude * Math.sin((2 * Math.PI * (t + phase)) / 12));
          break;
        case 'damped':
          damped += slope;
          slope *= phi;
          signal = damped;
          break;
        case 'noise':
          signal = level;
          break;
        case 'intermittent':
          signal = rand() < 0.3 ? level * (0.5 + rand()) : 0;
          break;
      }
      const value = kind === 'intermittent' ? signal : signal * (1 + noise * normalDraw(rand));
      values.push(Math.max(0, value));
    }
    out.push({ kind, history: values.slice(0, length - holdout), future: values.slice(length - holdout) });
  }
  return out;
}
