import { isoDateOfEpoch } from '../../../shared/analytics/periods';
import type { ClvModelSummary, RecommendationModelSummary } from '../../../shared/contract/insight/insight-requests';
import { NotEnoughDataError, probabilityAlive } from '../../../shared/insight/bgnbd';
import { summariseCustomers } from '../../../shared/insight/customer-summary';
import { computeClv, clvCalibration, type ClvCalibration, type ClvResult } from '../../../shared/insight/clv';
import { churnRateByQuarter, cohortRetention } from '../../../shared/insight/cohorts';
import { trainChurnModel } from '../../../shared/insight/churn-model';
import { evaluateRecommender, trainRecommender } from '../../../shared/insight/recommendations';
import { computeRfm } from '../../../shared/insight/rfm';
import {
  ANNUAL_DISCOUNT_RATE,
  CHURN_WINDOW_DAYS,
  COHORT_QUARTERS,
  RECOMMENDATIONS_PER_ACCOUNT,
  type InsightJobInput,
  type InsightJobResult,
} from './insight-job-types';
import { DAY_MS, type Transaction } from '../../../shared/insight/transactions';

/** Months of history held out to check the CLV model's purchase predictions. */
export const CLV_HOLDOUT_MONTHS = 6;
/** Days held out to check the recommendations against what accounts bought next. */
export const RECOMMENDATION_HOLDOUT_DAYS = 180;

/**
 * Every customer-insight model over one input, in the analytics worker: CLV (BG/NBD + Gamma-Gamma)
 * with its holdout calibration, RFM, churn risk (trained on a past split, applied today),
 * recommendations with their holdout evaluation, cohorts and churn per quarter. Returns plain
 * arrays and objects, which cross back to the core as JSON text (packInsightResult).
 *
 * `part` splits the work in two halves of similar cost that need nothing from each other, so two
 * threads can run them at once (mergeInsightParts joins them): 'customers' is CLV, RFM and churn
 * (churn reads the fitted BG/NBD), 'products' is the CLV holdout check, recommendations and cohorts.
 * The half not computed is left null (and recommendations empty).
 */
export function runInsightJob(input: InsightJobInput): InsightJobResult {
  const started = performance.now();
  const { transactions, profiles, todayDay } = input;
  const part = input.part ?? 'all';
  const customers = part === 'all' || part === 'customers';
  const products = part === 'all' || part === 'products';
  // Nothing bought yet (a new database): no model has anything to learn, which is not a failure.
  const anyPurchase = transactions.some((t) => t.day < todayDay);
  const modelled = anyPurchase && customers ? customerModels(input) : null;
  const recommended = anyPurchase && products ? productModels(input) : null;
  return {
    accounts: profiles.map((p) => ({
      accountId: p.accountId,
      clv: modelled?.clv?.perAccount.get(p.accountId) ?? null,
      churn: modelled?.churn.scores.get(p.accountId) ?? null,
      rfm: modelled?.rfm.get(p.accountId) ?? null,
      recommendations: recommended?.recommender.recommend(p.accountId, RECOMMENDATIONS_PER_ACCOUNT) ?? [],
    })),
    clv: modelled?.clv ? clvSummary(modelled.clv, recommended?.calibration ?? null) : null,
    churn: modelled?.churn.summary ?? null,
    recommendations: recommended?.summary ?? null,
    cohorts: products ? cohortRetention(transactions, { endDay: todayDay, quarters: COHORT_QUARTERS }) : [],
    churnRate: products
      ? churnRateByQuarter(transactions, { endDay: todayDay, inactiveDays: CHURN_WINDOW_DAYS, quarters: COHORT_QUARTERS })
      : [],
    calibration: recommended?.calibration ?? null,
    computeMs: performance.now() - started,
  };
}

/** Joins the 'customers' and the 'products' halves of one input (same profiles, same order). */
export function mergeInsightParts(customers: InsightJobResult, products: InsightJobResult): InsightJobResult {
  if (customers.accounts.length !== products.accounts.length) throw new Error('insight parts of different inputs');
  return {
    accounts: customers.accounts.map((a, i) => ({ ...a, recommendations: products.accounts[i]?.recommendations ?? [] })),
    clv: customers.clv ? { ...customers.clv, calibration: products.calibration } : null,
    churn: customers.churn,
    recommendations: products.recommendations,
    cohorts: products.cohorts,
    churnRate: products.churnRate,
    calibration: products.calibration,
    computeMs: Math.max(customers.computeMs, products.computeMs),
  };
}

function customerModels(input: InsightJobInput) {
  const { transactions, profiles, events, todayDay } = input;
  const currency = new Map(profiles.map((p) => [p.accountId, p.currency]));
  const currencyOf = (accountId: string): string => currency.get(accountId) ?? '';
  // A young database (no account has bought twice) gives BG/NBD nothing to fit: no CLV then, while
  // RFM and churn, which need no fitted model, are still computed.
  const clv = unlessNotEnoughData(() => computeClv(transactions, { todayDay, annualDiscountRate: ANNUAL_DISCOUNT_RATE, currencyOf }));
  const customers = clv?.customers ?? summariseCustomers(transactions, { endDay: todayDay });
  // Totals are comparable only within one currency: monetary is the total in units of the
  // currency's typical transaction (CLV's spend scale, else the median amount of the currency).
  const spendScale = clv?.spendScale ?? medianAmountByCurrency(transactions, todayDay, currencyOf);
  const rfm = computeRfm(customers, todayDay, { monetary: (c) => c.total / (spendScale.get(currencyOf(c.accountId)) ?? 1) });
  // P(alive) under the fitted BG/NBD is one of the churn model's features, taken as of each split day.
  const bgnbd = clv?.bgnbd ?? null;
  const churn = trainChurnModel({
    transactions,
    events,
    todayDay,
    windowDays: CHURN_WINDOW_DAYS,
    // Without a repeat purchase BG/NBD's P(alive) is exactly 1 (no dropout can have happened yet),
    // which also covers a first purchase on the snapshot day itself (T = 0, outside the formula's
    // domain). Without a fitted model a repeat buyer's P(alive) is unknown (NaN: a missing feature).
    pAlive: (c) => (c.x === 0 ? 1 : bgnbd ? probabilityAlive(bgnbd, c) : NaN),
  });
  return { clv, rfm, churn };
}

/** The model's answer, or null when the data cannot support it (NotEnoughDataError); other errors propagate. */
function unlessNotEnoughData<T>(fit: () => T): T | null {
  try {
    return fit();
  } catch (error) {
    if (error instanceof NotEnoughDataError) return null;
    throw error;
  }
}

/** Per currency, the median of the positive purchase amounts before todayDay (1 when there is none). */
function medianAmountByCurrency(
  transactions: readonly Transaction[],
  todayDay: number,
  currencyOf: (accountId: string) => string,
): Map<string, number> {
  const amounts = new Map<string, number[]>();
  for (const t of transactions) {
    if (t.day >= todayDay || t.amount <= 0) continue;
    const key = currencyOf(t.accountId);
    const list = amounts.get(key);
    if (list) list.push(t.amount);
    else amounts.set(key, [t.amount]);
  }
  const scale = new Map<string, number>();
  for (const [key, list] of amounts) {
    const sorted = Float64Array.from(list).sort();
    const mid = sorted.length >> 1;
    const median = sorted.length % 2 === 1 ? (sorted[mid] ?? 1) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
    scale.set(key, median > 0 ? median : 1);
  }
  return scale;
}

function productModels(input: InsightJobInput) {
  const { transactions, profiles, todayDay } = input;
  const holdoutDays = Math.round((CLV_HOLDOUT_MONTHS * 365.25) / 12);
  const calibrationEndDay = todayDay - holdoutDays;
  const calibration = transactions.some((t) => t.day < calibrationEndDay)
    ? (unlessNotEnoughData(() => clvCalibration(transactions, { calibrationEndDay, holdoutEndDay: todayDay }))?.calibration ?? null)
    : null;
  const recommender = trainRecommender({ transactions, profiles, todayDay });
  const splitDay = todayDay - RECOMMENDATION_HOLDOUT_DAYS;
  const evaluation = evaluateRecommender({ transactions, profiles, splitDay });
  const summary: RecommendationModelSummary = {
    status: evaluation.testAccounts > 0 && evaluation.hitRateAt5 !== null ? 'ready' : 'not_enough_data',
    splitDate: isoDateOfEpoch(splitDay * DAY_MS),
    testAccounts: evaluation.testAccounts,
    hitRateAt5: evaluation.hitRateAt5,
    ndcgAt5: evaluation.ndcgAt5,
    popularityHitRateAt5: evaluation.popularityHitRateAt5,
    popularityNdcgAt5: evaluation.popularityNdcgAt5,
  };
  return { calibration, recommender, summary };
}

function clvSummary(clv: ClvResult, calibration: ClvCalibration | null): ClvModelSummary {
  const { bgnbd, gammaGamma } = clv;
  return {
    bgnbd: { r: bgnbd.r, alpha: bgnbd.alpha, a: bgnbd.a, b: bgnbd.b, logLikelihood: bgnbd.logLikelihood },
    gammaGamma: gammaGamma ? { p: gammaGamma.p, q: gammaGamma.q, gamma: gammaGamma.gamma } : null,
    annualDiscountRate: ANNUAL_DISCOUNT_RATE,
    customers: clv.customers.length,
    calibration,
  };
}
