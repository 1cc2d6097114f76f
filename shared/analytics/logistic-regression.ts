/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS) on standardised features.
 * With the ~15 features of a deal the Hessian is tiny, so each iteration is one pass over the rows
 * plus a 16x16 Cholesky solve; it converges in under a dozen iterations where gradient descent would
 * need a learning rate and hundreds of steps.
 */
export type LogisticModel = {
  readonly featureNames: readonly string[];
  readonly means: readonly number[];
  readonly sds: readonly number[];
  /** Weights on standardised features, so their sizes compare; the intercept is not penalised. */
  readonly weights: readonly number[];
  readonly intercept: number;
  readonly iterations: number;
};

export type FitOptions = { readonly lambda?: number; readonly maxIterations?: number; readonly tolerance?: number };

export function fitLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  featureNames: readonly string[],
  options: FitOptions = {},
): LogisticModel {
  const lambda = options.lambda ?? 1;
  const maxIter = options.maxIterations ?? 25;
  const tol = options.tolerance ?? 1e-8;
  const d = featureNames.length;
  const n = rows.length;
  const means = new Array<number>(d).fill(0);
  const sds = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) means[j] = (means[j] ?? 0) + (r[j] ?? 0) / n;
  for (const r of rows) for (let j = 0; j < d; j++) sds[j] = (sds[j] ?? 0) + ((r[j] ?? 0) - (means[j] ?? 0)) ** 2 / n;
  for (let j = 0; j < d; j++) {
    const sd = Math.sqrt(sds[j] ?? 0);
    // A constant feature (e.g. no activities logged at all) must contribute exactly nothing, not
    // rounding noise divided by a tiny sd: centre it on its value and give it sd 1.
    if (sd <= 1e-9 * (1 + Math.abs(means[j] ?? 0))) {
      means[j] = rows[0]?.[j] ?? 0;
      sds[j] = 1;
    } else sds[j] = sd;
  }
  const z = rows.map((r) =>
    Float64Array.from({ length: d + 1 }, (_, j) => (j === d ? 1 : ((r[j] ?? 0) - (means[j] ?? 0)) / (sds[j] ?? 1))),
  );

  const p = d + 1;
  const beta = new Float64Array(p);
  const base = labels.reduce((a, b) => a + b, 0) / Math.max(n, 1);
  beta[d] = Math.log(Math.max(base, 1e-6) / Math.max(1 - base, 1e-6));
  let iterations = 0;
  for (; iterations < maxIter; iterations++) {
    const grad = new Float64Array(p);
    const hess = new Float64Array(p * p);
    for (let i = 0; i < n; i++) {
      const x = z[i] ?? new Float64Array(p);
      const prob = sigmoid(dot(x, beta));
      const w = Math.max(prob * (1 - prob), 1e-10);
      const r = (labels[i] ?? 0) - prob;
      for (let a = 0; a < p; a++) {
        const xa = x[a] ?? 0;
        grad[a] = (grad[a] ?? 0) + r * xa;
        for (let b = a; b < p; b++) hess[a * p + b] = (hess[a * p + b] ?? 0) + w * xa * (x[b] ?? 0);
      }
    }
    for (let a = 0; a < d; a++) {
      grad[a] = (grad[a] ?? 0) - lambda * (beta[a] ?? 0);
      hess[a * p + a] = (hess[a * p + a] ?? 0) + lambda;
    }
    hess[d * p + d] = (hess[d * p + d] ?? 0) + 1e-9;
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) hess[a * p + b] = hess[b * p + a] ?? 0;
    const step = choleskySolve(hess, grad, p);
    let change = 0;
    for (let a = 0; a < p; a++) {
      beta[a] = (beta[a] ?? 0) + (step[a] ?? 0);
      change = Math.max(change, Math.abs(step[a] ?? 0));
    }
    if (change < tol) {
      iterations++;
      break;
    }
  }
  return { featureNames: [...featureNames], means, sds, weights: Array.from(beta.subarray(0, d)), intercept: beta[d] ?? 0, iterations };
}

/** Per-feature contributions to the log-odds (weight x standardised value), in feature order. */
export function contributions(model: LogisticModel, row: readonly number[]): number[] {
  return model.weights.map((w, j) => (w * ((row[j] ?? 0) - (model.means[j] ?? 0))) / (model.sds[j] ?? 1));
}

export function predictLogistic(model: LogisticModel, row: readonly number[]): number {
  return sigmoid(model.intercept + contributions(model, row).reduce((a, b) => a + b, 0));
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

/** Solves H x = g for symmetric positive-definite H (the ridge term guarantees it). */
function choleskySolve(h: Float64Array, g: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = h[i * p + j] ?? 0;
      for (let k = 0; k < j; k++) s -= (l[i * p + k] ?? 0) * (l[j * p + k] ?? 0);
      l[i * p + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / (l[j * p + j] ?? 1);
    }
  }
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = g[i] ?? 0;
    for (let k = 0; k < i; k++) s -= (l[i * p + k] ?? 0) * (y[k] ?? 0);
    y[i] = s / (l[i * p + i] ?? 1);
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i] ?? 0;
    for (let k = i + 1; k < p; k++) s -= (l[k * p + i] ?? 0) * (x[k] ?? 0);
    x[i] = s / (l[i * p + i] ?? 1);
  }
  return x;
}
