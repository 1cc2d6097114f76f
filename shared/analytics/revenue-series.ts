import { lineItemTotal } from '../schemas';
import { monthIndex, monthKeyOfIndex } from './periods';
import type { RollupDimension, RollupOpportunity } from './pipeline-rollup';

export type RevenueSeries = {
  /** Owner id, team id, region or product id; 'all' for the total. */
  readonly key: string;
  readonly currency: string;
  /** `YYYY-MM` of `values[0]`. */
  readonly startPeriod: string;
  /** Closed-won minor units per month, oldest first, months without wins are 0. */
  readonly values: number[];
};

export type RevenueSeriesOptions = {
  readonly dimension: RollupDimension | 'all';
  /** Only deals in this currency: a series that adds currencies is not a series of anything. */
  readonly currency: string;
  /** Last month to include (`YYYY-MM`), normally the last complete month, so recent empty months count as zeros. */
  readonly endPeriod: string;
  /** Earliest month to include; older history is dropped (markets change). */
  readonly startPeriod?: string;
  readonly accountRegions?: ReadonlyMap<string, string>;
};

/**
 * Monthly closed-won revenue per series, bucketed by the deal's close date (a calendar date, so a
 * deal never hops months with the rep's time zone). A series starts at its own first win: a rep
 * hired last year should not get years of zeros before they joined.
 */
export function buildRevenueSeries(opportunities: Iterable<RollupOpportunity>, options: RevenueSeriesOptions): RevenueSeries[] {
  const end = monthIndex(options.endPeriod);
  const floor = options.startPeriod ? monthIndex(options.startPeriod) : -Infinity;
  const sums = new Map<string, Map<number, number>>();
  const add = (key: string, month: number, amount: number): void => {
    let m = sums.get(key);
    if (!m) sums.set(key, (m = new Map()));
    m.set(month, (m.get(month) ?? 0) + amount);
  };
  for (const opp of opportunities) {
    if (opp.stage !== 'closed_won' || opp.currency !== options.currency) continue;
    const month = monthIndex(opp.closeDate);
    if (month > end || month < floor) continue;
    switch (options.dimension) {
      case 'all':
        add('all', month, opp.amount);
        break;
      case 'owner':
        add(opp.ownerId, month, opp.amount);
        break;
      case 'team':
        add(opp.teamId, month, opp.amount);
        break;
      case 'region':
        add(options.accountRegions?.get(opp.accountId) ?? 'unknown', month, opp.amount);
        break;
      case 'product':
        for (const line of opp.lineItems) add(line.productId, month, lineItemTotal(line));
        break;
    }
  }
  const out: RevenueSeries[] = [];
  for (const [key, months] of [...sums].sort(([a], [b]) => a.localeCompare(b))) {
    const first = Math.min(...months.keys());
    const values: number[] = [];
    for (let m = first; m <= end; m++) values.push(months.get(m) ?? 0);
    out.push({ key, currency: options.currency, startPeriod: monthKeyOfIndex(first), values });
  }
  return out;
}
