import { z } from 'zod';
import { idSchema } from '../../schemas/primitives';
import { request } from '../define-request';

/**
 * Customer insight: lifetime value (BG/NBD + Gamma-Gamma), churn risk, RFM and next-best products,
 * computed on the analytics workers from the local purchase history. Results are plain numbers and
 * codes; the renderer words them in the user's language. Money is in integer minor units of the
 * account's own currency (a customer's orders are in one currency; figures are never added across
 * currencies).
 */

/** Named RFM segments, from the best customers to the lost ones. */
export const RFM_SEGMENTS = [
  'champions',
  'loyal',
  'potential_loyalists',
  'new_customers',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cannot_lose',
  'hibernating',
  'lost',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/** Why an account's churn risk is high, largest effect first; params are numbers the renderer formats. */
export const CHURN_REASON_CODES = [
  'no_recent_purchase',
  'fewer_purchases',
  'lower_spend',
  'open_cases',
  'breached_cases',
  'low_csat',
  'detractor_nps',
  'no_recent_activity',
  'low_p_alive',
] as const;
export type ChurnReasonCode = (typeof CHURN_REASON_CODES)[number];
export type ChurnReason = { readonly code: ChurnReasonCode; readonly params: Readonly<Record<string, number>> };

export const CHURN_BANDS = ['low', 'medium', 'high'] as const;
export type ChurnBand = (typeof CHURN_BANDS)[number];

/** Why a product is recommended: bought by accounts that buy what this one buys, by similar accounts, or widely. */
export const RECOMMENDATION_SOURCES = ['collaborative', 'content', 'popular'] as const;
export type RecommendationSource = (typeof RECOMMENDATION_SOURCES)[number];

export type ProductRecommendation = {
  readonly productId: string;
  readonly productName: string;
  readonly sku: string;
  /** Relative strength within this account's list, 0..1. */
  readonly score: number;
  readonly source: RecommendationSource;
  /** For `collaborative`: up to three products this account buys that led to the recommendation. */
  readonly becauseOf: ReadonlyArray<{ readonly productId: string; readonly productName: string }>;
};

export type PurchaseHistorySummary = {
  readonly transactions: number;
  /** ISO dates; null without purchases. */
  readonly firstPurchase: string | null;
  readonly lastPurchase: string | null;
  readonly totalSpend: number;
};

export type AccountClv = {
  /** Expected purchases in the next 12 months (BG/NBD conditional expectation). */
  readonly expectedPurchases12m: number;
  /** Probability the customer is still active (BG/NBD). */
  readonly pAlive: number;
  /** Expected spend per purchase (Gamma-Gamma), minor units. */
  readonly expectedSpend: number;
  /** 12-month discounted CLV, minor units. */
  readonly clv12m: number;
};

export type AccountChurn = {
  /** Probability of no purchase in the next churn window, 0..1. */
  readonly risk: number;
  readonly band: ChurnBand;
  readonly reasons: ReadonlyArray<ChurnReason>;
  /**
   * No purchase for longer than the model's active look-back: not a prediction but a fact, shown as
   * "lapsed" with the days since the last purchase (risk is 1 and the only reason says so).
   */
  readonly lapsed?: boolean;
};

export type AccountRfm = {
  readonly recency: number;
  readonly frequency: number;
  readonly monetary: number;
  readonly segment: RfmSegment;
};

/** The account panel: every figure null when it cannot be given (no purchases, model without signal, computing). */
export type AccountInsight = {
  readonly accountId: string;
  readonly status: InsightStatus;
  readonly currency: string;
  readonly history: PurchaseHistorySummary;
  readonly clv: AccountClv | null;
  /** Null when the churn model found no signal or had too little data (see the model summary). */
  readonly churn: AccountChurn | null;
  readonly rfm: AccountRfm | null;
  readonly recommendations: ReadonlyArray<ProductRecommendation>;
  readonly computedAt: number | null;
};

/** `computing` until the first run finishes (the UI shows "calculating…"); later runs keep the last results. */
export type InsightStatus = 'computing' | 'ready' | 'failed';

export type ClvCalibrationGroup = {
  /** Repeat purchases in the calibration period: '0', '1', … '6', '7+'. */
  readonly frequency: string;
  readonly accounts: number;
  /** Mean repeat purchases per account in the holdout period: predicted by the model, and actual. */
  readonly predicted: number;
  readonly actual: number;
};

export type ClvModelSummary = {
  readonly bgnbd: { readonly r: number; readonly alpha: number; readonly a: number; readonly b: number; readonly logLikelihood: number };
  readonly gammaGamma: { readonly p: number; readonly q: number; readonly gamma: number } | null;
  readonly annualDiscountRate: number;
  readonly customers: number;
  /** Fitted on data up to calibrationEnd, compared on the holdout months after it. */
  readonly calibration: {
    readonly calibrationEnd: string;
    readonly holdoutMonths: number;
    readonly groups: ReadonlyArray<ClvCalibrationGroup>;
    /** Mean absolute error per account of predicted vs actual holdout purchases. */
    readonly meanAbsoluteError: number;
    readonly predictedTotal: number;
    readonly actualTotal: number;
  } | null;
};

export type ChurnModelSummary = {
  readonly status: 'ready' | 'no_signal' | 'not_enough_data';
  /** Months without a purchase after which an account counts as churned for the label. */
  readonly windowMonths: number;
  readonly splitDate: string | null;
  readonly trainAccounts: number;
  readonly testAccounts: number;
  readonly auc: number | null;
  readonly aucLower95: number | null;
  readonly aucUpper95: number | null;
  readonly brier: number | null;
  /** Brier score of predicting the base rate for everyone: the model must beat it. */
  readonly baseBrier: number | null;
  readonly baseRate: number | null;
};

export type RecommendationModelSummary = {
  readonly status: 'ready' | 'not_enough_data';
  readonly splitDate: string | null;
  readonly testAccounts: number;
  readonly hitRateAt5: number | null;
  readonly ndcgAt5: number | null;
  readonly popularityHitRateAt5: number | null;
  readonly popularityNdcgAt5: number | null;
};

/** The "about this model" view. */
export type InsightModelSummary = {
  readonly status: InsightStatus;
  readonly computedAt: number | null;
  readonly computeMs: number | null;
  readonly accounts: number;
  readonly accountsWithPurchases: number;
  readonly transactions: number;
  readonly historyStart: string | null;
  readonly historyEnd: string | null;
  readonly clv: ClvModelSummary | null;
  readonly churn: ChurnModelSummary | null;
  readonly recommendations: RecommendationModelSummary | null;
  /** English detail of a failure, for the curious; the UI shows its own text. */
  readonly error: string | null;
};

export type CohortRow = {
  /** Quarter of the first purchase, e.g. '2025-Q3'. */
  readonly cohort: string;
  readonly size: number;
  /** Share of the cohort buying in each following quarter (index 0 = the first quarter = 1). */
  readonly retention: ReadonlyArray<number>;
};

export type CustomersDashboard = {
  readonly model: InsightModelSummary;
  readonly segments: ReadonlyArray<{ readonly segment: RfmSegment; readonly accounts: number }>;
  /** Per currency, CLV buckets (minor units, `to` exclusive; the last bucket's `to` is null). */
  readonly clvDistribution: ReadonlyArray<{
    readonly currency: string;
    readonly buckets: ReadonlyArray<{ readonly from: number; readonly to: number | null; readonly accounts: number }>;
    readonly total: number;
  }>;
  /** Accounts the churn model scored, per band (lapsed accounts are counted apart). */
  readonly churnBands: Readonly<Record<ChurnBand, number>>;
  /** Accounts without a purchase for longer than the model's look-back: already gone, not predicted. */
  readonly lapsed: number;
  /** Per quarter: accounts active at its start and how many of them churned in it. */
  readonly churnRate: ReadonlyArray<{ readonly period: string; readonly active: number; readonly churned: number; readonly rate: number }>;
  readonly cohorts: ReadonlyArray<CohortRow>;
  readonly atRisk: ReadonlyArray<{
    readonly accountId: string;
    readonly name: string;
    readonly risk: number;
    readonly clv12m: number | null;
    readonly currency: string;
    readonly reasons: ReadonlyArray<ChurnReason>;
  }>;
  readonly topRecommendations: ReadonlyArray<{ readonly productId: string; readonly productName: string; readonly accounts: number }>;
};

const dashboardFilterSchema = z.strictObject({
  ownerId: idSchema.optional(),
  teamId: idSchema.optional(),
  region: z.string().min(1).max(40).optional(),
  segment: z.enum(RFM_SEGMENTS).optional(),
});
export type CustomersDashboardFilter = z.infer<typeof dashboardFilterSchema>;

export const insightRequests = {
  /** The account panel: CLV, P(active), churn risk with reasons, RFM segment, recommended products. */
  'insight.account': request(z.strictObject({ accountId: idSchema })).returns<AccountInsight>(),
  /** The customers dashboard over the accounts the filter selects. */
  'insight.dashboard': request(dashboardFilterSchema).returns<CustomersDashboard>(),
  /** "About these models": validation figures of the last run. */
  'insight.model': request(z.strictObject({})).returns<InsightModelSummary>(),
  /** Recomputes now (it also runs on its own after data changes); resolves when the run finished. */
  'insight.recompute': request(z.strictObject({})).returns<InsightModelSummary>(),
} as const;
