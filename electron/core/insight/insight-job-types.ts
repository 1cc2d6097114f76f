import type {
  AccountChurn,
  AccountClv,
  AccountRfm,
  ChurnModelSummary,
  ClvModelSummary,
  CohortRow,
  CustomersDashboard,
  RecommendationModelSummary,
  RecommendationSource,
} from '../../../shared/contract/insight/insight-requests';
import type { AccountProfile, ServiceEvents, Transaction } from '../../../shared/insight/transactions';

/** Days without a purchase after which an account counts as churned (the churn model's label window). */
export const CHURN_WINDOW_DAYS = 180;
/**
 * Yearly rate CLV discounts future purchases by (10 %): a sale a year from now is worth about
 * 0.91 of one today, the usual cost-of-capital assumption for a mid-sized B2B seller.
 */
export const ANNUAL_DISCOUNT_RATE = 0.1;
/** Quarters of cohort retention and churn per quarter (the seeded history is 36 months). */
export const COHORT_QUARTERS = 12;
/** Products recommended per account. */
export const RECOMMENDATIONS_PER_ACCOUNT = 5;

/** The analytics worker's 'insights' job: everything every model reads, as plain data. */
export type InsightJobInput = {
  readonly transactions: readonly Transaction[];
  readonly profiles: readonly AccountProfile[];
  readonly events: ServiceEvents;
  /** Whole days since 1970-01-01 (UTC): "today" for every model. */
  readonly todayDay: number;
  /** Which half to compute (see runInsightJob); default both. */
  readonly part?: InsightJobPart;
};

export type InsightJobPart = 'all' | 'customers' | 'products';

/** A recommendation as the worker returns it; the core adds product names from the catalog. */
export type InsightJobRecommendation = {
  readonly productId: string;
  readonly score: number;
  readonly source: RecommendationSource;
  readonly becauseOf: readonly string[];
};

export type InsightJobAccount = {
  readonly accountId: string;
  readonly clv: AccountClv | null;
  readonly churn: AccountChurn | null;
  readonly rfm: AccountRfm | null;
  readonly recommendations: readonly InsightJobRecommendation[];
};

/** Plain arrays and objects only: the result crosses back to the core as JSON text (see packInsightResult). */
export type InsightJobResult = {
  readonly accounts: readonly InsightJobAccount[];
  readonly clv: ClvModelSummary | null;
  readonly churn: ChurnModelSummary | null;
  readonly recommendations: RecommendationModelSummary | null;
  /** Retention by first-purchase quarter and churn per quarter over every account. */
  readonly cohorts: readonly CohortRow[];
  readonly churnRate: CustomersDashboard['churnRate'];
  /** The CLV holdout check (also inside `clv` when the customers half ran in the same job). */
  readonly calibration: ClvModelSummary['calibration'];
  /** Time the models took inside the worker. */
  readonly computeMs: number;
};
