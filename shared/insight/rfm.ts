import type { AccountRfm, RfmSegment } from '../contract/insight/insight-requests';
import type { CustomerSummary } from './customer-summary';

type Scored = { readonly accountId: string; readonly recency: number; readonly frequency: number; readonly monetary: number };

/**
 * Quintile scores 1..5 by rank: the customers are ordered from worst to best and the i-th of n gets
 * floor(5 i / n) + 1, so the five groups differ in size by at most one. Ties are broken by the
 * other two measures (also worst to best) and finally by account id, so equal customers are scored
 * the same way on every run; when most customers share a value (one purchase only, say) they
 * still spread over adjacent scores, which keeps the quintiles equal-sized.
 */
function quintiles(
  rows: readonly Scored[],
  key: 'recency' | 'frequency' | 'monetary',
  tieBreak: readonly ['recency' | 'frequency' | 'monetary', 'recency' | 'frequency' | 'monetary'],
): Map<string, number> {
  const [second, third] = tieBreak;
  const order = [...rows].sort(
    (p, q) =>
      p[key] - q[key] ||
      p[second] - q[second] ||
      p[third] - q[third] ||
      (p.accountId < q.accountId ? -1 : p.accountId > q.accountId ? 1 : 0),
  );
  const n = order.length;
  return new Map(order.map((row, i) => [row.accountId, Math.floor((5 * i) / n) + 1]));
}

/**
 * Segment by recency score R and FM = round((F + M) / 2), the mean of frequency and monetary:
 *
 * | R \ FM | 1              | 2                   | 3                   | 4           | 5           |
 * |--------|----------------|---------------------|---------------------|-------------|-------------|
 * | 5      | new_customers  | potential_loyalists | potential_loyalists | champions   | champions   |
 * | 4      | promising      | potential_loyalists | potential_loyalists | champions   | champions   |
 * | 3      | about_to_sleep | about_to_sleep      | need_attention      | loyal       | loyal       |
 * | 2      | hibernating    | hibernating         | at_risk             | at_risk     | cannot_lose |
 * | 1      | lost           | lost                | at_risk             | at_risk     | cannot_lose |
 *
 * Recent buyers split by value: new (one small purchase), promising, potential loyalists, champions.
 * Lapsing buyers (R = 3) are loyal when valuable, else need attention or are about to sleep. Old
 * buyers (R <= 2) are "cannot lose" when they were the most valuable, at risk when valuable,
 * and otherwise hibernating (R = 2) or lost (R = 1).
 */
export function rfmSegment(r: number, f: number, m: number): RfmSegment {
  const fm = Math.round((f + m) / 2);
  if (r >= 4) {
    if (fm >= 4) return 'champions';
    if (fm >= 2) return 'potential_loyalists';
    return r === 5 ? 'new_customers' : 'promising';
  }
  if (r === 3) {
    if (fm >= 4) return 'loyal';
    return fm === 3 ? 'need_attention' : 'about_to_sleep';
  }
  if (fm === 5) return 'cannot_lose';
  if (fm >= 3) return 'at_risk';
  return r === 2 ? 'hibernating' : 'lost';
}

/**
 * RFM scores and segments as of todayDay. Recency is the days since the last purchase (fewer days
 * score higher), frequency the number of purchase days, monetary the total spend. Totals are only
 * comparable within one currency: pass `monetary` to score on a currency-neutral value (such as
 * the total divided by the currency's typical transaction amount).
 */
export function computeRfm(
  customers: readonly CustomerSummary[],
  todayDay: number,
  opts: { readonly monetary?: (c: CustomerSummary) => number } = {},
): Map<string, AccountRfm> {
  if (!Number.isFinite(todayDay)) throw new Error(`RFM: todayDay must be a day number, got ${todayDay}`);
  const rows: Scored[] = customers.map((c) => {
    const monetary = opts.monetary ? opts.monetary(c) : c.total;
    if (!Number.isFinite(monetary)) throw new Error(`RFM: monetary value of account ${c.accountId} is not a number`);
    // Negated days since the last purchase, so that larger is better for all three measures.
    return { accountId: c.accountId, recency: -(todayDay - c.lastDay), frequency: c.count, monetary };
  });
  const r = quintiles(rows, 'recency', ['frequency', 'monetary']);
  const f = quintiles(rows, 'frequency', ['monetary', 'recency']);
  const m = quintiles(rows, 'monetary', ['frequency', 'recency']);
  const out = new Map<string, AccountRfm>();
  for (const row of rows) {
    const recency = r.get(row.accountId) ?? 1;
    const frequency = f.get(row.accountId) ?? 1;
    const monetary = m.get(row.accountId) ?? 1;
    out.set(row.accountId, { recency, frequency, monetary, segment: rfmSegment(recency, frequency, monetary) });
  }
  return out;
}
