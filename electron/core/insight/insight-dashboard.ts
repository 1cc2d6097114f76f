import type {
  AccountChurn,
  AccountInsight,
  ChurnBand,
  CustomersDashboard,
  CustomersDashboardFilter,
  InsightModelSummary,
  RfmSegment,
} from '../../../shared/contract/insight/insight-requests';
import { CHURN_BANDS, RFM_SEGMENTS } from '../../../shared/contract/insight/insight-requests';
import { churnRateByQuarter, cohortRetention } from '../../../shared/insight/cohorts';
import type { Transaction } from '../../../shared/insight/transactions';
import { CHURN_WINDOW_DAYS, COHORT_QUARTERS } from './insight-job-types';
import type { InsightSnapshot } from './insight-service';

/** Rows of the at-risk table and of the top-recommendations list. */
export const AT_RISK_ROWS = 20;
export const TOP_RECOMMENDATIONS = 10;
/** CLV buckets per currency (the last one open-ended). */
const CLV_BUCKETS = 6;

const isEmptyFilter = (f: CustomersDashboardFilter): boolean =>
  f.ownerId === undefined && f.teamId === undefined && f.region === undefined && f.segment === undefined;

/**
 * The customers dashboard over the accounts the filter selects (owner, team, region: the account's;
 * segment: its RFM segment in the last run). Aggregates the cached per-account results; cohorts and
 * churn per quarter come from the run when nothing is filtered, else from the selected accounts'
 * purchases (counting, no model).
 */
export function buildDashboard(
  snapshot: InsightSnapshot | null,
  model: InsightModelSummary,
  filter: CustomersDashboardFilter,
): CustomersDashboard {
  const segments = new Map<RfmSegment, number>(RFM_SEGMENTS.map((s) => [s, 0]));
  const churnBands: Record<ChurnBand, number> = { low: 0, medium: 0, high: 0 };
  let lapsed = 0;
  if (!snapshot) {
    return {
      model,
      segments: RFM_SEGMENTS.map((segment) => ({ segment, accounts: 0 })),
      clvDistribution: [],
      churnBands,
      lapsed,
      churnRate: [],
      cohorts: [],
      atRisk: [],
      topRecommendations: [],
    };
  }

  const selected: Array<Omit<AccountInsight, 'status'>> = [];
  for (const account of snapshot.accounts.values()) {
    if (filter.ownerId !== undefined && account.ownerId !== filter.ownerId) continue;
    if (filter.teamId !== undefined && account.teamId !== filter.teamId) continue;
    if (filter.region !== undefined && account.region !== filter.region) continue;
    const insight = snapshot.insights.get(account.id);
    if (!insight) continue;
    if (filter.segment !== undefined && insight.rfm?.segment !== filter.segment) continue;
    selected.push(insight);
  }

  const clvByCurrency = new Map<string, number[]>();
  const productCounts = new Map<string, { productName: string; accounts: number }>();
  const risky: Array<Omit<AccountInsight, 'status'>> = [];
  for (const insight of selected) {
    if (insight.rfm) segments.set(insight.rfm.segment, (segments.get(insight.rfm.segment) ?? 0) + 1);
    if (insight.churn?.lapsed) lapsed++;
    else if (insight.churn) churnBands[insight.churn.band]++;
    if (insight.churn) risky.push(insight);
    if (insight.clv) {
      const list = clvByCurrency.get(insight.currency);
      if (list) list.push(insight.clv.clv12m);
      else clvByCurrency.set(insight.currency, [insight.clv.clv12m]);
    }
    for (const r of insight.recommendations) {
      const entry = productCounts.get(r.productId);
      if (entry) entry.accounts++;
      else productCounts.set(r.productId, { productName: r.productName, accounts: 1 });
    }
  }

  const atRisk = rankAtRisk(risky, clvByCurrency).map((insight) => ({
    accountId: insight.accountId,
    name: snapshot.accounts.get(insight.accountId)?.name ?? insight.accountId,
    risk: insight.churn?.risk ?? 0,
    clv12m: insight.clv?.clv12m ?? null,
    currency: insight.currency,
    reasons: insight.churn?.reasons ?? [],
  }));

  const topRecommendations = [...productCounts.entries()]
    .sort((a, b) => b[1].accounts - a[1].accounts || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP_RECOMMENDATIONS)
    .map(([productId, v]) => ({ productId, productName: v.productName, accounts: v.accounts }));

  let cohorts = snapshot.cohorts;
  let churnRate = snapshot.churnRate;
  if (!isEmptyFilter(filter)) {
    const transactions: Transaction[] = [];
    for (const insight of selected) for (const t of snapshot.transactionsByAccount.get(insight.accountId) ?? []) transactions.push(t);
    cohorts = cohortRetention(transactions, { endDay: snapshot.todayDay, quarters: COHORT_QUARTERS });
    churnRate = churnRateByQuarter(transactions, { endDay: snapshot.todayDay, inactiveDays: CHURN_WINDOW_DAYS, quarters: COHORT_QUARTERS });
  }

  return {
    model,
    segments: RFM_SEGMENTS.map((segment) => ({ segment, accounts: segments.get(segment) ?? 0 })),
    clvDistribution: [...clvByCurrency.entries()]
      .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
      .map(([currency, values]) => ({ currency, ...clvBuckets(values) })),
    churnBands: Object.fromEntries(CHURN_BANDS.map((b) => [b, churnBands[b]])) as Record<ChurnBand, number>,
    lapsed,
    churnRate,
    cohorts,
    atRisk,
    topRecommendations,
  };
}

/** The churn model's plain answer for an account that has already lapsed (see trainChurnModel), not a score. */
export function isLapsedAnswer(churn: AccountChurn): boolean {
  return churn.lapsed === true;
}

/**
 * The at-risk table: of the accounts with a churn answer, those the model scored, ranked by value at stake, risk × 12-month
 * CLV. CLV is in the account's currency, so it is taken relative to the median CLV of that
 * currency among the selected accounts (a typical account counts 1 in every currency); an account
 * without a CLV (no model fitted) counts as typical, which ranks by risk alone. Lapsed accounts
 * (no purchase for over a year, answered with risk 1 and `no_recent_purchase`) are left out: they
 * have already churned, are counted in the high band, and would otherwise fill the table with
 * customers long gone instead of the ones still worth a call.
 */
export function rankAtRisk(
  answered: ReadonlyArray<Omit<AccountInsight, 'status'>>,
  clvByCurrency: ReadonlyMap<string, readonly number[]>,
): Array<Omit<AccountInsight, 'status'>> {
  const typical = new Map<string, number>();
  for (const [currency, values] of clvByCurrency) {
    const sorted = Float64Array.from(values).sort();
    const mid = sorted.length >> 1;
    const median = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
    if (median > 0) typical.set(currency, median);
  }
  const atStake = (insight: Omit<AccountInsight, 'status'>): number => {
    const risk = insight.churn?.risk ?? 0;
    const scale = typical.get(insight.currency);
    if (!insight.clv || scale === undefined) return risk;
    return (risk * insight.clv.clv12m) / scale;
  };
  return answered
    .filter((insight) => insight.churn && !isLapsedAnswer(insight.churn))
    .map((insight) => ({ insight, value: atStake(insight) }))
    .sort((a, b) => b.value - a.value || (a.insight.accountId < b.insight.accountId ? -1 : 1))
    .slice(0, AT_RISK_ROWS)
    .map((x) => x.insight);
}

/** A round step (1, 2 or 5 times a power of ten) at least `raw`. */
function niceStep(raw: number): number {
  if (raw <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/**
 * Equal round-numbered buckets from 0 up to the 95th percentile (so one giant customer does not
 * squeeze everyone into the first bucket); the last bucket holds everything above.
 */
export function clvBuckets(values: readonly number[]): {
  readonly buckets: ReadonlyArray<{ readonly from: number; readonly to: number | null; readonly accounts: number }>;
  readonly total: number;
} {
  const sorted = [...values].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
  const step = niceStep(Math.max(1, p95) / (CLV_BUCKETS - 1));
  const buckets = Array.from({ length: CLV_BUCKETS }, (_, i) => ({
    from: i * step,
    to: i === CLV_BUCKETS - 1 ? null : (i + 1) * step,
    accounts: 0,
  }));
  let total = 0;
  for (const v of sorted) {
    total += v;
    const at = Math.min(CLV_BUCKETS - 1, Math.max(0, Math.floor(v / step)));
    const bucket = buckets[at];
    if (bucket) bucket.accounts++;
  }
  return { buckets, total: Math.round(total) };
}
