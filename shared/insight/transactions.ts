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

/**
 * Service and relationship events for the churn model. Dated, so features can be taken as of any
 * day: the model is trained on features as of a past split day and applied as of today.
 */
export type ServiceEvents = {
  readonly cases: ReadonlyArray<{
    readonly accountId: string;
    readonly openedDay: number;
    /** Null while open. */
    readonly resolvedDay: number | null;
    /** A first-response or resolution target was missed. */
    readonly breached: boolean;
  }>;
  readonly surveys: ReadonlyArray<{
    readonly accountId: string;
    readonly day: number;
    readonly kind: 'csat' | 'nps';
    readonly score: number;
  }>;
  /** Calls, meetings, visits and e-mails done with the account. */
  readonly activities: ReadonlyArray<{ readonly accountId: string; readonly day: number }>;
};

export const DAY_MS = 86_400_000;
export const dayOfEpochMs = (ms: number): number => Math.floor(ms / DAY_MS);
