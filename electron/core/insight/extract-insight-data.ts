import type { AccountProfile, ServiceEvents, Transaction } from '../../../shared/insight/transactions';
import { dayOfEpochMs } from '../../../shared/insight/transactions';
import type {
  Account,
  AccountTier,
  Activity,
  Case,
  CatalogDoc,
  Opportunity,
  Order,
  SalesDoc,
  SurveyResponse,
} from '../../../shared/schemas';
import type { CrmDatabase } from '../db/open-crm-database';
import type { SlaReference } from '../service/sla-reference';
import { DOCUMENT_PAGE_ROWS, forEachDocument } from '../db/for-each-document';
import { backgroundTurn } from '../db/work-lanes';

/** What the dashboard filters and the at-risk table need of an account, kept in the core. */
export type InsightAccount = {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly teamId: string;
  readonly region: string;
  readonly currency: string;
};

export type InsightProduct = { readonly id: string; readonly name: string; readonly sku: string };

/** Everything one insight run reads from the local database, as plain data. */
export type InsightInput = {
  readonly accounts: InsightAccount[];
  readonly profiles: AccountProfile[];
  /** Sorted by account, then day. */
  readonly transactions: Transaction[];
  readonly events: ServiceEvents;
  readonly products: InsightProduct[];
  /** Purchases left out because their currency is not the account's (figures are never mixed across currencies). */
  readonly skippedOtherCurrency: number;
};

/** Orders that record a real purchase; drafts and cancelled orders are intentions, not purchases. */
const PURCHASE_ORDER_STATUSES: ReadonlySet<string> = new Set(['confirmed', 'fulfilled']);
/** The activities that show a relationship is being looked after (tasks and notes are internal). */
const CONTACT_ACTIVITY_TYPES: ReadonlyArray<Activity['type']> = ['call', 'meeting', 'visit'];

/** Size band from the employee count, as AccountProfile documents it; null when unknown. */
export function sizeBand(employees: number | undefined): string | null {
  if (employees === undefined) return null;
  if (employees < 50) return '1-49';
  if (employees < 250) return '50-249';
  if (employees < 1000) return '250-999';
  return '1000+';
}

const dayOfIsoDate = (iso: string): number => dayOfEpochMs(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`));

/** What the models know about an account besides its purchases. */
export function profileOf(a: Pick<Account, 'id' | 'industry' | 'region' | 'tier' | 'employees' | 'currency'>): AccountProfile {
  return {
    accountId: a.id,
    industry: a.industry ?? null,
    region: a.region,
    tier: a.tier,
    size: sizeBand(a.employees),
    currency: a.currency,
  };
}

/** An order as a purchase, or null when its status does not record one (draft, cancelled). */
export function orderTransaction(o: Pick<Order, 'accountId' | 'status' | 'orderDate' | 'total' | 'lines'>): Transaction | null {
  if (!PURCHASE_ORDER_STATUSES.has(o.status)) return null;
  return {
    accountId: o.accountId,
    day: dayOfIsoDate(o.orderDate),
    amount: o.total,
    productIds: [...new Set(o.lines.map((l) => l.productId))],
  };
}

const byAccountId = (a: { readonly id: string }, b: { readonly id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Reads the insight input from the local database, page by page (see forEachDocument): each
 * document is reduced to the few fields the models read as it arrives, so neither whole documents
 * nor a long stretch of the core's thread are spent on it.
 *
 * Purchases: every order with status confirmed or fulfilled (day = orderDate, amount = total,
 * products = its lines), plus every won deal (stage closed_won) that no order refers to (day =
 * closedAt, else closeDate; amount = the deal amount; products = its line items). A deal with an
 * order is counted through its orders only, so one sale is never counted twice. Purchases in a
 * currency other than the account's are left out and counted in `skippedOtherCurrency`. Quotes
 * share the sales_docs table with orders and are dropped per row after parsing: a json_extract
 * filter in SQL measured no faster (both ~1.0 s for 131,000 sales documents).
 *
 * Service events: a case counts as breached when its frozen SLA outcome (resolved cases) missed
 * the first-response or the resolution target, or, for a case without a frozen outcome, when its
 * SLA state now is `breached` under the current policy (read through `sla` when given; without it
 * only frozen outcomes count). Surveys are CSAT and NPS answers; activities are done calls,
 * meetings and visits with the account.
 */
export async function loadInsightInput(
  db: CrmDatabase,
  options: {
    readonly now: number;
    readonly sla?: SlaReference;
    /** Rows per page (default DOCUMENT_PAGE_ROWS). */
    readonly pageRows?: number;
  },
): Promise<InsightInput> {
  const pageRows = options.pageRows ?? DOCUMENT_PAGE_ROWS;
  const accounts: InsightAccount[] = [];
  const profiles: AccountProfile[] = [];
  const currencyOf = new Map<string, string>();
  const tierOf = new Map<string, AccountTier>();
  await forEachDocument<Account>(
    db,
    db.accounts,
    (a) => {
      currencyOf.set(a.id, a.currency);
      tierOf.set(a.id, a.tier);
      accounts.push({ id: a.id, name: a.name, ownerId: a.ownerId, teamId: a.teamId, region: a.region, currency: a.currency });
      profiles.push(profileOf(a));
    },
    { pageRows, turn: backgroundTurn },
  );
  // Pages come in primary-key order already; SQLite's byte order and JavaScript's agree on plain ids.
  if (!isSortedBy(accounts, byAccountId)) {
    accounts.sort(byAccountId);
    profiles.sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
  }

  const products: InsightProduct[] = [];
  await forEachDocument<CatalogDoc>(
    db,
    db.catalog,
    (p) => {
      if (p.kind === 'product') products.push({ id: p.id, name: p.name, sku: p.sku });
    },
    { pageRows, turn: backgroundTurn },
  );

  // Purchases are gathered by account, so they come out sorted by account and day without one
  // sort over every purchase (accounts are in id order; each account's few are sorted by day).
  const purchasesOf = new Map<string, Transaction[]>();
  let skippedOtherCurrency = 0;
  const push = (accountId: string, day: number, amount: number, currency: string, productIds: Iterable<string>): void => {
    const accountCurrency = currencyOf.get(accountId);
    if (accountCurrency === undefined) return; // a purchase of an account this database does not hold
    if (currency !== accountCurrency) {
      skippedOtherCurrency++;
      return;
    }
    const t: Transaction = { accountId, day, amount, productIds: [...new Set(productIds)] };
    const list = purchasesOf.get(accountId);
    if (list) list.push(t);
    else purchasesOf.set(accountId, [t]);
  };

  // A deal with an order in any status is represented by its orders (a cancelled order undid the sale).
  const orderedDeals = new Set<string>();
  await forEachDocument<SalesDoc>(
    db,
    db.sales_docs,
    (o) => {
      if (o.kind !== 'order') return;
      if (o.opportunityId !== undefined) orderedDeals.add(o.opportunityId);
      const t = orderTransaction(o);
      if (t) push(t.accountId, t.day, t.amount, o.currency, t.productIds);
    },
    { pageRows, turn: backgroundTurn },
  );
  await forEachDocument<Opportunity>(
    db,
    db.opportunities,
    (d) => {
      if (d.stage !== 'closed_won' || orderedDeals.has(d.id)) return;
      const day = d.closedAt !== undefined ? dayOfEpochMs(d.closedAt) : dayOfIsoDate(d.closeDate);
      push(
        d.accountId,
        day,
        d.amount,
        d.currency,
        d.lineItems.map((l) => l.productId),
      );
    },
    { pageRows, turn: backgroundTurn },
  );
  const transactions: Transaction[] = [];
  for (let i = 0; i < accounts.length; i++) {
    const list = purchasesOf.get(accounts[i]?.id ?? '');
    if (list) {
      // Stable: purchases of one day keep their read order (orders, then deals).
      list.sort((a, b) => a.day - b.day);
      for (const t of list) transactions.push(t);
    }
    if ((i + 1) % (pageRows * 5) === 0) await backgroundTurn();
  }
  purchasesOf.clear();

  const cases: Array<ServiceEvents['cases'][number]> = [];
  await forEachDocument<Case>(
    db,
    db.cases,
    (c) => {
      const resolvedAt = c.resolvedAt ?? c.closedAt;
      const finished = c.status === 'resolved' || c.status === 'closed';
      let breached: boolean;
      if (finished && c.slaOutcome) breached = !c.slaOutcome.firstResponseMet || !c.slaOutcome.resolutionMet;
      else if (options.sla) breached = options.sla.slaOf(c, tierOf.get(c.accountId), options.now).state === 'breached';
      else breached = false;
      cases.push({
        accountId: c.accountId,
        openedDay: dayOfEpochMs(c.openedAt),
        resolvedDay: finished && resolvedAt !== undefined ? dayOfEpochMs(resolvedAt) : null,
        breached,
      });
    },
    { pageRows, turn: backgroundTurn },
  );

  const surveys: Array<ServiceEvents['surveys'][number]> = [];
  await forEachDocument<SurveyResponse>(
    db,
    db.surveys,
    (s) => {
      surveys.push({ accountId: s.accountId, day: dayOfEpochMs(s.respondedAt), kind: s.survey, score: s.score });
    },
    { pageRows, turn: backgroundTurn },
  );

  const activities: Array<ServiceEvents['activities'][number]> = [];
  await forEachDocument<Activity>(
    db,
    db.activities,
    (a) => {
      // Only what was done with an account: a planned call has not looked after anyone yet.
      if (a.accountId === undefined || a.doneAt === undefined || !CONTACT_ACTIVITY_TYPES.includes(a.type)) return;
      activities.push({ accountId: a.accountId, day: dayOfEpochMs(a.doneAt) });
    },
    { pageRows, turn: backgroundTurn },
  );

  return { accounts, profiles, transactions, events: { cases, surveys, activities }, products, skippedOtherCurrency };
}

function isSortedBy<T>(items: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < items.length; i++) if (compare(items[i - 1] as T, items[i] as T) > 0) return false;
  return true;
}
