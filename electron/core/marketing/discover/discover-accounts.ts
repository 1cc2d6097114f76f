import type { AccountInsight } from '../../../../shared/contract/insight/insight-requests';
import type { ClvBand } from '../../../../shared/marketing/segment-conditions';
import { DAY_MS } from '../../../../shared/insight/transactions';
import type { DiscoverAccount } from './discover-clusters';

type Insight = Omit<AccountInsight, 'status'>;

const dayOf = (isoDate: string): number => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);

/**
 * The accounts with purchases, from the last insight run, with the figures clustering reads and the
 * values segment conditions read (RFM segment, churn risk, CLV band by the rules on CLV_BANDS).
 */
export function discoverAccountsOf(insights: ReadonlyMap<string, Insight>, todayDay: number): DiscoverAccount[] {
  const bands = clvBands([...insights.values()]);
  const accounts: DiscoverAccount[] = [];
  for (const insight of insights.values()) {
    const { history } = insight;
    if (history.transactions === 0 || history.firstPurchase === null || history.lastPurchase === null) continue;
    accounts.push({
      id: insight.accountId,
      currency: insight.currency,
      recencyDays: Math.max(0, todayDay - dayOf(history.lastPurchase)),
      frequency: history.transactions,
      spend: history.totalSpend,
      clv12m: insight.clv?.clv12m ?? null,
      churnRisk: insight.churn?.risk ?? null,
      tenureDays: Math.max(0, todayDay - dayOf(history.firstPurchase)),
      rfmSegment: insight.rfm?.segment ?? null,
      churnValue: insight.churn ? (insight.churn.lapsed ? 'lapsed' : insight.churn.band) : null,
      clvBand: bands.get(insight.accountId) ?? 'none',
    });
  }
  // Map order is insertion order; sorting by id keeps the clusters independent of how the run filled it.
  return accounts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** CLV band per account: percentile of clv12m among the accounts of its currency that have one (segment-conditions.ts). */
export function clvBands(insights: ReadonlyArray<Insight>): Map<string, ClvBand> {
  const byCurrency = new Map<string, number[]>();
  for (const i of insights) {
    if (!i.clv) continue;
    const list = byCurrency.get(i.currency);
    if (list) list.push(i.clv.clv12m);
    else byCurrency.set(i.currency, [i.clv.clv12m]);
  }
  for (const list of byCurrency.values()) list.sort((a, b) => a - b);
  const bands = new Map<string, ClvBand>();
  for (const i of insights) {
    if (!i.clv) {
      bands.set(i.accountId, 'none');
      continue;
    }
    const peers = byCurrency.get(i.currency)!;
    const n = peers.length;
    const below = firstAtLeast(peers, i.clv.clv12m);
    const above = n - firstAbove(peers, i.clv.clv12m);
    bands.set(i.accountId, above < 0.1 * n ? 'top_10' : above < 0.25 * n ? 'top_25' : below < 0.25 * n ? 'bottom_25' : 'middle');
  }
  return bands;
}

function firstAtLeast(sorted: ReadonlyArray<number>, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstAbove(sorted: ReadonlyArray<number>, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
