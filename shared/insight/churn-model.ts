import { contributions, fitLogistic, predictLogistic, sigmoid, type LogisticModel } from '../analytics/logistic-regression';
import { isoDateOfEpoch } from '../analytics/periods';
import { brierScore, hashString, reliabilityBins, rocAuc, seededRandom, type ReliabilityBin } from '../analytics/stats';
import type { AccountChurn, ChurnBand, ChurnModelSummary, ChurnReason, ChurnReasonCode } from '../contract/insight/insight-requests';
import {
  churnFeatureNames,
  churnFeatureRow,
  churnSnapshotAt,
  indexChurnInput,
  lastPurchaseDayAsOf,
  type ChurnFeature,
  type ChurnSnapshot,
  type PAliveFn,
} from './churn-features';
import { DAY_MS, type ServiceEvents, type Transaction } from './transactions';

/**
 * Churn risk: a logistic regression of "no purchase in the next window" on the account's features.
 *
 * Population: only accounts that are still customers are modelled, i.e. accounts *active* on the
 * day in question, with a purchase in the ACTIVE_LOOKBACK_DAYS before it (that day included).
 * An account that stopped buying long before is trivially "churned" (recency alone predicts it);
 * counting it would inflate the held-out AUC and overstate what the model can tell about the
 * customers a rep can still keep.
 *
 * Training: the accounts active on the split day (todayDay - windowDays), with features as of that
 * day; one is labelled churned when it made no purchase in the window after it, up to today.
 * Checked on a held-out share of those accounts (held-out AUC with its 95% interval, Brier score
 * against the base rate's), then refitted on all of them. The summary's trainAccounts,
 * testAccounts and baseRate all count this active-at-split population only.
 *
 * Scoring as of today: an account active today (a purchase in the last ACTIVE_LOOKBACK_DAYS) gets
 * the model's risk with its reasons. An account that has already lapsed gets no model score but a
 * plain answer: risk 1, band 'high', and the single reason `no_recent_purchase` with its `days`
 * since the last purchase (it has already not bought for longer than a churn window).
 *
 * Like the win model it is used only when the held-out check shows a signal: otherwise no account
 * gets any answer, neither a model score nor the lapsed one, so nothing is shown as the model's
 * claim when the model has shown it cannot tell.
 */

export const DEFAULT_CHURN_WINDOW_DAYS = 180;
/**
 * An account is active on a day when it bought in the this many days up to and including it
 * (its last purchase is fewer than this many days before the day). Only active accounts are
 * labelled for training and scored by the model; a year covers the slowest usual buying cycle
 * (annual orders), so an account past it has lapsed rather than paused.
 */
export const ACTIVE_LOOKBACK_DAYS = 365;
/** Below this many labelled accounts, or this many of either outcome, there is nothing to learn from. */
export const MIN_LABELLED_ACCOUNTS = 100;
export const MIN_PER_CLASS = 20;
/** The held-out share needs this many of each outcome for its AUC to mean anything. */
const MIN_HELD_OUT_PER_CLASS = 5;
/** Scores are published only when the lower end of the held-out AUC's 95% interval is above this. */
export const MIN_HELD_OUT_AUC = 0.55;
/** Share of labelled accounts held out, chosen by a hash of the account id (stable across runs and input order). */
export const HELD_OUT_SHARE = 0.3;
/**
 * A fit uses at most this many accounts (a hash-chosen sample beyond it): a dozen coefficients are
 * pinned down long before that, and the fit's cost grows with every row.
 */
export const MAX_FIT_ROWS = 20_000;
/**
 * Fixed risk bands: the model is calibrated (checked by the held-out Brier score and reliability
 * bins), so the bands mean the same probability in every company: low < 0.3 <= medium < 0.6 <= high.
 */
export const CHURN_BAND_LIMITS = { medium: 0.3, high: 0.6 } as const;
/** A contribution below this (log-odds) is noise, not a reason. */
const MIN_REASON_EFFECT = 0.05;
const MAX_REASONS = 3;
const DAYS_PER_MONTH = 365.25 / 12;
const HALF_YEAR_MONTHS = 6;
/** NPS detractors answer 0..6. */
const NPS_DETRACTOR_MAX = 6;

export type TrainChurnInput = {
  readonly transactions: readonly Transaction[];
  readonly events: ServiceEvents;
  readonly todayDay: number;
  readonly windowDays?: number;
  /** P(alive) from the CLV model; with it, P(alive) as of the day is one more feature. */
  readonly pAlive?: PAliveFn;
  /** Ridge penalty of the logistic regression. */
  readonly lambda?: number;
};

export type ChurnTrainingResult = {
  readonly summary: ChurnModelSummary;
  /**
   * Per account with a purchase up to today: the model's answer for accounts active today, the
   * lapsed answer (risk 1, 'high', `no_recent_purchase`) for the rest; empty unless the summary's
   * status is 'ready'.
   */
  readonly scores: Map<string, AccountChurn>;
  /** Held-out calibration curve (predicted vs observed churn); empty without a held-out check. */
  readonly reliability: readonly ReliabilityBin[];
};

type FittedChurnModel = {
  readonly logistic: LogisticModel;
  /** Value put in place of a missing survey answer: the training mean of the observed ones. */
  readonly impute: readonly number[];
};

export function trainChurnModel(input: TrainChurnInput): ChurnTrainingResult {
  const windowDays = input.windowDays ?? DEFAULT_CHURN_WINDOW_DAYS;
  if (!Number.isInteger(input.todayDay)) throw new Error(`todayDay must be a whole day number, got ${input.todayDay}`);
  if (!Number.isInteger(windowDays) || windowDays < 30)
    throw new Error(`windowDays must be a whole number of days >= 30, got ${windowDays}`);
  if (windowDays >= ACTIVE_LOOKBACK_DAYS)
    throw new Error(`windowDays must be shorter than the ${ACTIVE_LOOKBACK_DAYS}-day activity lookback, got ${windowDays}`);
  const splitDay = input.todayDay - windowDays;
  const withPAlive = input.pAlive !== undefined;
  const names = churnFeatureNames(withPAlive);
  const index = indexChurnInput(input.transactions, input.events);

  const rows: number[][] = [];
  const labels: number[] = [];
  const heldOut: boolean[] = [];
  /** A second per-account uniform draw, which picks the fit sample when there are more than MAX_FIT_ROWS rows. */
  const sampleDraw: number[] = [];
  const p = index.purchases;
  for (let a = 0; a < index.accountIds.length; a++) {
    // Accounts that had not bought yet, or had already lapsed, on the split day are not labelled.
    if (!isActive(lastPurchaseDayAsOf(index, a, splitDay), splitDay)) continue;
    const snap = churnSnapshotAt(index, a, splitDay, input.pAlive);
    if (!snap) continue;
    let boughtInWindow = false;
    for (let i = p.start[a] ?? 0; i < (p.start[a + 1] ?? 0); i++) {
      const d = p.day[i] ?? 0;
      if (d > splitDay && d <= input.todayDay) {
        boughtInWindow = true;
        break;
      }
    }
    rows.push(churnFeatureRow(snap, withPAlive));
    labels.push(boughtInWindow ? 0 : 1);
    const draw = seededRandom(hashString(index.accountIds[a] ?? ''));
    heldOut.push(draw() < HELD_OUT_SHARE);
    sampleDraw.push(draw());
  }

  const churned = labels.reduce((s, y) => s + y, 0);
  const testCount = heldOut.filter(Boolean).length;
  const testChurned = labels.reduce((s, y, i) => s + (heldOut[i] ? y : 0), 0);
  const base = {
    windowMonths: Math.round(windowDays / DAYS_PER_MONTH),
    splitDate: isoDateOfEpoch(splitDay * DAY_MS),
    trainAccounts: rows.length - testCount,
    testAccounts: testCount,
  };
  const empty: ChurnTrainingResult = {
    summary: {
      ...base,
      status: 'not_enough_data',
      auc: null,
      aucLower95: null,
      aucUpper95: null,
      brier: null,
      baseBrier: null,
      baseRate: null,
    },
    scores: new Map(),
    reliability: [],
  };
  if (
    rows.length < MIN_LABELLED_ACCOUNTS ||
    churned < MIN_PER_CLASS ||
    rows.length - churned < MIN_PER_CLASS ||
    testChurned < MIN_HELD_OUT_PER_CLASS ||
    testCount - testChurned < MIN_HELD_OUT_PER_CLASS
  ) {
    return empty;
  }

  const trainShare = Math.min(1, MAX_FIT_ROWS / (rows.length - testCount));
  const inTrain = (i: number): boolean => !heldOut[i] && (sampleDraw[i] ?? 0) < trainShare;
  const trainRows = rows.filter((_, i) => inTrain(i));
  const trainLabels = labels.filter((_, i) => inTrain(i));
  const testRows = rows.filter((_, i) => heldOut[i]);
  const testLabels = labels.filter((_, i) => heldOut[i]);
  const model = fitChurn(trainRows, trainLabels, names, input.lambda);
  const probs = testRows.map((r) => predictLogistic(model.logistic, imputed(model, r)));
  const auc = rocAuc(probs, testLabels);
  const trainRate = trainLabels.reduce((s, y) => s + y, 0) / trainLabels.length;
  const brier = brierScore(probs, testLabels);
  // The base rate learnt from the training part, given to every held-out account.
  const baseBrier = brierScore(
    testLabels.map(() => trainRate),
    testLabels,
  );
  const summary: ChurnModelSummary = {
    ...base,
    // The accounts the checked model was fitted on (a sample when there are more than MAX_FIT_ROWS).
    trainAccounts: trainRows.length,
    // A signal means ranking better than chance with confidence, and probabilities better than the base rate's.
    status: auc.lower95 > MIN_HELD_OUT_AUC && brier < baseBrier ? 'ready' : 'no_signal',
    auc: auc.auc,
    aucLower95: auc.lower95,
    aucUpper95: auc.upper95,
    brier,
    baseBrier,
    baseRate: churned / rows.length,
  };
  const reliability = reliabilityBins(probs, testLabels, 10);
  if (summary.status !== 'ready') return { summary, scores: new Map(), reliability };

  // Judged on held-out accounts, then refitted on all of them so every labelled account informs the scores.
  const allShare = Math.min(1, MAX_FIT_ROWS / rows.length);
  const final = fitChurn(
    rows.filter((_, i) => (sampleDraw[i] ?? 0) < allShare),
    labels.filter((_, i) => (sampleDraw[i] ?? 0) < allShare),
    names,
    input.lambda,
  );
  const scores = new Map<string, AccountChurn>();
  for (let a = 0; a < index.accountIds.length; a++) {
    const last = lastPurchaseDayAsOf(index, a, input.todayDay);
    if (last === null) continue;
    const id = index.accountIds[a] ?? '';
    if (!isActive(last, input.todayDay)) {
      scores.set(id, lapsedChurn(input.todayDay - last));
      continue;
    }
    const snap = churnSnapshotAt(index, a, input.todayDay, input.pAlive);
    if (!snap) continue;
    const row = imputed(final, churnFeatureRow(snap, withPAlive));
    const effects = contributions(final.logistic, row);
    const risk = sigmoid(final.logistic.intercept + effects.reduce((t, e) => t + e, 0));
    scores.set(id, { risk, band: churnBand(risk), reasons: churnReasons(names, effects, snap) });
  }
  return { summary, scores, reliability };
}

/** Whether an account whose last purchase (up to `day`) was on `lastPurchaseDay` is active on `day`. */
function isActive(lastPurchaseDay: number | null, day: number): boolean {
  return lastPurchaseDay !== null && day - lastPurchaseDay < ACTIVE_LOOKBACK_DAYS;
}

/** The answer for an account that has already lapsed: it has churned, and the reason is the plain fact. */
function lapsedChurn(daysSincePurchase: number): AccountChurn {
  return { risk: 1, band: 'high', lapsed: true, reasons: [{ code: 'no_recent_purchase', params: { days: daysSincePurchase } }] };
}

export function churnBand(risk: number): ChurnBand {
  if (risk >= CHURN_BAND_LIMITS.high) return 'high';
  return risk >= CHURN_BAND_LIMITS.medium ? 'medium' : 'low';
}

function fitChurn(rows: readonly number[][], labels: readonly number[], names: readonly ChurnFeature[], lambda = 1): FittedChurnModel {
  const d = names.length;
  const sum = new Array<number>(d).fill(0);
  const count = new Array<number>(d).fill(0);
  for (const r of rows) {
    for (let j = 0; j < d; j++) {
      const v = r[j] ?? NaN;
      if (Number.isNaN(v)) continue;
      sum[j] = (sum[j] ?? 0) + v;
      count[j] = (count[j] ?? 0) + 1;
    }
  }
  const impute = sum.map((s, j) => ((count[j] ?? 0) > 0 ? s / (count[j] ?? 1) : 0));
  const logistic = fitLogistic(
    rows.map((r) => imputed({ impute }, r)),
    labels,
    names,
    { lambda },
  );
  return { logistic, impute };
}

function imputed(model: Pick<FittedChurnModel, 'impute'>, row: readonly number[]): number[] {
  return row.map((v, j) => (Number.isNaN(v) ? (model.impute[j] ?? 0) : v));
}

/**
 * Reasons are the features that raise this account's risk most against an average account, each
 * named by what a rep can act on and given the account's own figure. A feature only becomes a
 * reason when its figure is bad in plain terms too (a case open, purchases down, NPS 0..6, CSAT
 * below 3.5, P(alive) below 50 %, 90 or more quiet days), so a reason never reads "0 open cases". Features without an action (tenure, overall purchase level,
 * missing surveys) shift the risk but are never named.
 */
function churnReasons(names: readonly ChurnFeature[], effects: readonly number[], s: ChurnSnapshot): ChurnReason[] {
  const found: Array<{ effect: number; reason: ChurnReason }> = [];
  names.forEach((name, j) => {
    const effect = effects[j] ?? 0;
    if (effect < MIN_REASON_EFFECT) return;
    const reason = reasonFor(name, s);
    if (reason) found.push({ effect, reason });
  });
  return found
    .sort((a, b) => b.effect - a.effect)
    .slice(0, MAX_REASONS)
    .map((f) => f.reason);
}

/** Below "satisfied" (4 of 5) by half a point: an average of 4.0 is no complaint. */
const LOW_CSAT_BELOW = 3.5;
/** "Probably no longer buying" only below even odds. */
const LOW_P_ALIVE_BELOW = 0.5;
/** A quiet spell shorter than a quarter is no news for a customer who buys a few times a year. */
const QUIET_DAYS_MIN = 90;

function reasonFor(name: ChurnFeature, s: ChurnSnapshot): ChurnReason | null {
  const make = (code: ChurnReasonCode, params: Record<string, number>): ChurnReason => ({ code, params });
  switch (name) {
    case 'log_days_since_purchase':
      return s.daysSincePurchase >= QUIET_DAYS_MIN ? make('no_recent_purchase', { days: s.daysSincePurchase }) : null;
    case 'purchase_trend':
      return s.purchases6m < s.purchasesPrev6m
        ? make('fewer_purchases', { recent: s.purchases6m, previous: s.purchasesPrev6m, months: HALF_YEAR_MONTHS })
        : null;
    case 'order_value_trend':
      return s.spend6m < s.spendPrev6m && s.spend6m * s.purchasesPrev6m < s.spendPrev6m * s.purchases6m
        ? make('lower_spend', {
            recent: s.spend6m,
            previous: s.spendPrev6m,
            percent: Math.round(((s.spend6m - s.spendPrev6m) / s.spendPrev6m) * 100),
            months: HALF_YEAR_MONTHS,
          })
        : null;
    case 'log_open_cases':
      return s.openCases > 0 ? make('open_cases', { count: s.openCases }) : null;
    case 'log_breached_cases_6m':
      return s.breachedCases6m > 0 ? make('breached_cases', { count: s.breachedCases6m, months: HALF_YEAR_MONTHS }) : null;
    case 'csat_mean':
      return s.csatMean !== null && s.csatMean < LOW_CSAT_BELOW ? make('low_csat', { score: Math.round(s.csatMean * 10) / 10 }) : null;
    case 'nps_latest':
      return s.npsLatest !== null && s.npsLatest <= NPS_DETRACTOR_MAX ? make('detractor_nps', { score: s.npsLatest }) : null;
    case 'log_days_since_activity':
      return s.daysSinceActivity >= QUIET_DAYS_MIN ? make('no_recent_activity', { days: s.daysSinceActivity }) : null;
    case 'p_alive':
      return s.pAlive !== null && s.pAlive < LOW_P_ALIVE_BELOW ? make('low_p_alive', { percent: Math.round(s.pAlive * 100) }) : null;
    case 'log_purchases_12m':
    case 'log_tenure_days':
    case 'csat_missing':
    case 'nps_missing':
      return null;
  }
}
