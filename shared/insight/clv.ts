import type { AccountClv, ClvModelSummary } from '../contract/insight/insight-requests';
import {
  expectedPurchases,
  expectedPurchasesIfAlive,
  fitBgNbd,
  NotEnoughDataError,
  probabilityAlive,
  type BgNbdFit,
  type BgNbdParams,
  type RecencyFrequency,
} from './bgnbd';
import {
  DAYS_PER_WEEK,
  WEEKS_PER_MONTH,
  groupByAccount,
  summariseDays,
  summariseCustomers,
  type CustomerSummary,
} from './customer-summary';
import { expectedSpend, fitGammaGamma, type GammaGammaFit, type GammaGammaParams } from './gamma-gamma';
import { DAY_MS, type Transaction } from './transactions';

const MONTHS = 12;

function checkRate(annualDiscountRate: number): void {
  if (!(Number.isFinite(annualDiscountRate) && annualDiscountRate > -1)) {
    throw new Error(`CLV: annualDiscountRate must be a number above -1, got ${annualDiscountRate}`);
  }
}

/** E[Y(m months) | alive, x, T] for m = 0..12 (weeks via WEEKS_PER_MONTH); index 0 is 0. */
function monthlyExpectationsIfAlive(bg: BgNbdParams, c: { readonly x: number; readonly T: number }): Float64Array {
  const path = new Float64Array(MONTHS + 1);
  for (let m = 1; m <= MONTHS; m++) path[m] = expectedPurchasesIfAlive(bg, m * WEEKS_PER_MONTH, c);
  return path;
}

function discountedPurchases(path: Float64Array, annualDiscountRate: number): number {
  let sum = 0;
  for (let m = 1; m <= MONTHS; m++) sum += ((path[m] ?? 0) - (path[m - 1] ?? 0)) / (1 + annualDiscountRate) ** (m / MONTHS);
  return sum;
}

/**
 * Discounted 12-month CLV: the sum over months m = 1..12 of the purchases the BG/NBD expects in
 * month m, E[Y(m)] - E[Y(m-1)], times the Gamma-Gamma expected spend, discounted by
 * (1 + annualDiscountRate)^(m/12). In the unit of `monetary`.
 */
export function clv12m(
  bg: BgNbdParams,
  gg: GammaGammaParams,
  c: RecencyFrequency & { readonly monetary: number },
  opts: { readonly annualDiscountRate: number },
): number {
  checkRate(opts.annualDiscountRate);
  const ifAlive = discountedPurchases(monthlyExpectationsIfAlive(bg, c), opts.annualDiscountRate);
  return ifAlive * probabilityAlive(bg, c) * expectedSpend(gg, c);
}

export type ClvCalibration = NonNullable<ClvModelSummary['calibration']>;

const FREQUENCY_GROUPS = ['0', '1', '2', '3', '4', '5', '6', '7+'] as const;

const isoDate = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Out-of-sample check of the BG/NBD: fitted on purchases before calibrationEndDay, it predicts
 * each of those customers' repeat purchases in [calibrationEndDay, holdoutEndDay), which are then
 * counted (distinct purchase days). Customers first buying in the holdout are not part of it.
 * Groups are by repeat purchases in the calibration period, '0'..'6' and '7+'.
 */
export function clvCalibration(
  transactions: readonly Transaction[],
  opts: { readonly calibrationEndDay: number; readonly holdoutEndDay: number },
): { params: BgNbdFit; calibration: ClvCalibration; customers: CustomerSummary[] } {
  const { calibrationEndDay, holdoutEndDay } = opts;
  if (!Number.isInteger(holdoutEndDay) || holdoutEndDay <= calibrationEndDay) {
    throw new Error(`CLV calibration: holdoutEndDay (${holdoutEndDay}) must be a whole day after calibrationEndDay (${calibrationEndDay})`);
  }
  const customers = summariseCustomers(transactions, { endDay: calibrationEndDay });
  const params = fitBgNbd(customers);
  const holdout = new Map(
    groupByAccount(transactions, { startDay: calibrationEndDay, endDay: holdoutEndDay }).map((p) => [p.accountId, p.days.length]),
  );
  const t = (holdoutEndDay - calibrationEndDay) / DAYS_PER_WEEK;
  const groups = FREQUENCY_GROUPS.map(() => ({ accounts: 0, predicted: 0, actual: 0 }));
  let absoluteError = 0;
  let predictedTotal = 0;
  let actualTotal = 0;
  const cache = new Map<string, number>();
  for (const c of customers) {
    const key = `${c.x}|${c.tx}|${c.T}`;
    let predicted = cache.get(key);
    if (predicted === undefined) {
      predicted = expectedPurchases(params, t, c);
      cache.set(key, predicted);
    }
    const actual = holdout.get(c.accountId) ?? 0;
    const group = groups[Math.min(c.x, FREQUENCY_GROUPS.length - 1)];
    if (group) {
      group.accounts++;
      group.predicted += predicted;
      group.actual += actual;
    }
    absoluteError += Math.abs(predicted - actual);
    predictedTotal += predicted;
    actualTotal += actual;
  }
  return {
    params,
    customers,
    calibration: {
      calibrationEnd: isoDate(calibrationEndDay),
      holdoutMonths: Math.round(((holdoutEndDay - calibrationEndDay) / DAYS_PER_WEEK / WEEKS_PER_MONTH) * 10) / 10,
      groups: groups.map((g, i) => ({
        frequency: FREQUENCY_GROUPS[i] ?? '',
        accounts: g.accounts,
        predicted: g.accounts > 0 ? g.predicted / g.accounts : 0,
        actual: g.accounts > 0 ? g.actual / g.accounts : 0,
      })),
      meanAbsoluteError: customers.length > 0 ? absoluteError / customers.length : 0,
      predictedTotal,
      actualTotal,
    },
  };
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export type ClvResult = {
  readonly bgnbd: BgNbdFit;
  /** Fitted on spends normalised per currency (unitless); null with fewer than two repeat buyers. */
  readonly gammaGamma: GammaGammaFit | null;
  /** Per currency, the unit the normalised spends were divided by: the median repeat-transaction amount. */
  readonly spendScale: ReadonlyMap<string, number>;
  readonly perAccount: Map<string, AccountClv>;
  readonly customers: CustomerSummary[];
};

/**
 * BG/NBD and Gamma-Gamma fitted on all purchases before todayDay, and each account's expected
 * purchases and P(alive), expected spend and discounted 12-month CLV in its own currency.
 *
 * Spends in different currencies cannot share one Gamma-Gamma scale: gamma is in money units, so
 * a pooled fit would treat 1,000 JPY and 1,000 EUR as the same spend and let the larger-numbered
 * currency dominate the population mean every customer is shrunk towards. Each customer's mean
 * spend is therefore divided by its currency's median repeat-transaction amount (median of all its
 * transaction amounts when that currency has no repeat purchase), the model is fitted on these
 * unitless values, and expected spends are multiplied back by the customer's own currency scale.
 * The shape of spend (p, q) is shared across currencies; the level is per currency.
 *
 * Without a Gamma-Gamma fit (fewer than two customers with priced repeat purchases), the
 * expected spend is the account's own mean transaction amount.
 */
export function computeClv(
  transactions: readonly Transaction[],
  opts: { readonly todayDay: number; readonly annualDiscountRate: number; readonly currencyOf: (accountId: string) => string },
): ClvResult {
  checkRate(opts.annualDiscountRate);
  const groups = groupByAccount(transactions, { endDay: opts.todayDay });
  if (groups.length === 0) throw new NotEnoughDataError('CLV: no purchases before today');
  const customers = groups.map((p) => summariseDays(p, opts.todayDay));
  const bgnbd = fitBgNbd(customers);

  const currencies = customers.map((c) => opts.currencyOf(c.accountId));
  const repeatAmounts = new Map<string, number[]>();
  const allAmounts = new Map<string, number[]>();
  groups.forEach((p, i) => {
    const currency = currencies[i] ?? '';
    const all = allAmounts.get(currency) ?? [];
    const repeats = repeatAmounts.get(currency) ?? [];
    p.amounts.forEach((amount, k) => {
      if (amount <= 0) return;
      all.push(amount);
      if (k > 0) repeats.push(amount);
    });
    allAmounts.set(currency, all);
    repeatAmounts.set(currency, repeats);
  });
  const spendScale = new Map<string, number>();
  for (const [currency, all] of allAmounts) {
    const repeats = repeatAmounts.get(currency) ?? [];
    const scale = median(repeats.length > 0 ? repeats : all);
    spendScale.set(currency, Number.isFinite(scale) && scale > 0 ? scale : 1);
  }

  const scaleOf = (i: number): number => spendScale.get(currencies[i] ?? '') ?? 1;
  const spenders: Array<{ x: number; monetary: number }> = [];
  customers.forEach((c, i) => {
    if (c.x > 0 && c.monetary > 0) spenders.push({ x: c.x, monetary: c.monetary / scaleOf(i) });
  });
  const gammaGamma = plausibleSpendModel(spenders);

  const perAccount = new Map<string, AccountClv>();
  // E[Y(t) | x, tx, T] = P(alive | x, tx, T) E[Y(t) | alive, x, T]; the second factor, which holds
  // the 2F1 evaluations, depends only on x and T and is shared between customers.
  const ifAlive = new Map<string, { readonly in12m: number; readonly discounted: number }>();
  customers.forEach((c, i) => {
    const key = `${c.x}|${c.T}`;
    let path = ifAlive.get(key);
    if (!path) {
      const months = monthlyExpectationsIfAlive(bgnbd, c);
      path = { in12m: months[MONTHS] ?? 0, discounted: discountedPurchases(months, opts.annualDiscountRate) };
      ifAlive.set(key, path);
    }
    const pAlive = probabilityAlive(bgnbd, c);
    const scale = scaleOf(i);
    const spend = gammaGamma ? expectedSpend(gammaGamma, { x: c.x, monetary: c.monetary / scale }) * scale : c.total / c.count;
    perAccount.set(c.accountId, {
      expectedPurchases12m: path.in12m * pAlive,
      pAlive,
      expectedSpend: spend,
      clv12m: path.discounted * pAlive * spend,
    });
  });
  return { bgnbd, gammaGamma, spendScale, perAccount, customers };
}

/** Repeat buyers needed before a spend model is fitted: below it each account's own mean is the honest figure. */
export const MIN_SPEND_MODEL_CUSTOMERS = 30;

/**
 * Fits the Gamma-Gamma spend model and keeps it only when it describes the data: its population
 * mean spend p·γ/(q − 1) must lie within a factor of 3 of the observed mean of the repeat buyers'
 * averages. A fit with q near 1 (a heavy tail the few customers cannot pin down) makes the mean
 * explode and would multiply every CLV; then each account's own mean spend is used instead.
 */
function plausibleSpendModel(spenders: ReadonlyArray<{ x: number; monetary: number }>): GammaGammaFit | null {
  if (spenders.length < MIN_SPEND_MODEL_CUSTOMERS) return null;
  const fit = fitGammaGamma(spenders);
  const observed = spenders.reduce((sum, c) => sum + c.monetary, 0) / spenders.length;
  const implied = fit.q > 1 ? (fit.p * fit.gamma) / (fit.q - 1) : Infinity;
  return implied <= 3 * observed && implied >= observed / 3 ? fit : null;
}
