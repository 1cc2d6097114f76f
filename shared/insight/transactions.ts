/**
 * One purchase of one account: an order (confirmed or fulfilled), or a won deal that has no order.
 * The input of every customer-insight model. Purchases on the same day count as one transaction,
 * as the models' "repeat purchase" assumes (see groupByAccount in customer-summary.ts).
 */
export type Transaction = {
  readonly accountId: string;
  /** Whole days since 1970-01-01 (UTC). */
  readonly day: number;
  /** Minor units of the account's currency. */
  readonly amount: number;
  /** Products on the order (distinct ids); empty for a won deal without line items. */
  readonly productIds: ReadonlyArray<string>;
};

/** What content-based recommendations and segment descriptions know about an account. */
export type AccountProfile = {
  readonly accountId: string;
  readonly industry: string | null;
  readonly region: string;
  readonly tier: string;
  /** Size band from employees (e.g. '1-49', '50-249', '250-999', '1000+'); null when unknown. */
  readonly size: string | null;
  readonly currency: string;
};

/** Service and relationship signals per account for the churn model, as of the day given with them. */
export type AccountSignals = {
  readonly accountId: string;
  readonly openCases: number;
  readonly breachedCases: number;
  /** Mean CSAT (1–5) of the last 12 months; null without answers. */
  readonly csat: number | null;
  /** Latest NPS answer (0–10) of the account's contacts; null without answers. */
  readonly nps: number | null;
  /** Day of the last logged call, meeting, visit or e-mail; null when none. */
  readonly lastActivityDay: number | null;
};

export const DAY_MS = 86_400_000;
export const dayOfEpochMs = (ms: number): number => Math.floor(ms / DAY_MS);
