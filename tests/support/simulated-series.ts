import { normalDraw } from '../../shared/analytics/stats';

/** Kinds of monthly revenue with a known generating process, for tests and the bench. */
export type SimulatedKind = 'trend' | 'seasonal' | 'flat' | 'random_walk' | 'intermittent';

export type SimulatedSeries = {
  /** Observed values (signal + noise), `length` months. */
  readonly values: number[];
  /** Noise-free signal for the same months, so tests can measure how well a pattern was recovered. */
  readonly truth: number[];
};

/** Noise sd is 10 (except the intermittent kind), so tolerances can be stated in multiples of it. */
export function simulateSeries(kind: SimulatedKind, length: number, rand: () => number): SimulatedSeries {
  const values: number[] = [];
  const truth: number[] = [];
  const sd = 10;
  let level = 200;
  const phase = rand() * 12;
  for (let t = 0; t < length; t++) {
    let signal: number;
    switch (kind) {
      case 'trend':
        signal = 100 + 4 * t;
        break;
      case 'seasonal':
        signal = 200 + 50 * Math.sin((2 * Math.PI * (t + phase)) / 12) + t;
        break;
      case 'flat':
        signal = 150;
        break;
      case 'random_walk':
        level += normalDraw(rand) * sd * 0.7;
        signal = level;
        break;
      case 'intermittent': {
        // One deal in four months on average, deal sizes around 80.
        const deal = rand() < 0.25 ? 80 * (0.5 + rand()) : 0;
        values.push(deal);
        truth.push(0.25 * 80);
        continue;
      }
    }
    truth.push(signal);
    values.push(signal + normalDraw(rand) * sd);
  }
  return { values, truth };
}
