import type { RxCollection } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { Account, AccountTier, Case } from '../../../shared/schemas';
import { CASE_PRIORITIES } from '../../../shared/schemas/cases';
import type { CrmDatabase } from '../db/open-crm-database';
import { createSortedList, type SortedList } from './case-order';
import { domainChanges } from '../db/domain-changes';
import { forEachDocument } from '../db/for-each-document';
import { foregroundLoad } from '../db/work-lanes';

/** What queues and the service dashboard need of a case, with its account's tier. */
export type CaseRow = Pick<
  Case,
  | 'id'
  | 'caseNumber'
  | 'ownerId'
  | 'teamId'
  | 'assigneeId'
  | 'accountId'
  | 'status'
  | 'priority'
  | 'channel'
  | 'category'
  | 'openedAt'
  | 'updatedAt'
  | 'firstRespondedAt'
  | 'resolvedAt'
  | 'closedAt'
  | 'statusHistory'
  | 'slaOutcome'
> & { readonly tier: AccountTier | undefined };

/** The orders a case list can be read in (ascending; a descending list reads from the end). */
export type CaseOrderField = 'openedAt' | 'updatedAt' | 'priority' | 'caseNumber';

/** One case that changed: absent before (new) or after (deleted). Row objects are never mutated. */
export type CaseRowChange = { readonly before: CaseRow | undefined; readonly after: CaseRow | undefined };

export type CaseProjection = {
  /** Every case (not deleted), current as of the last applied change. */
  rows(): Promise<ReadonlyArray<CaseRow>>;
  /** Bumped by every applied change: an answer cached at another version is stale. */
  version(): number;
  close(): void;
  /** Resolves once every case is loaded; the synchronous reads below are valid after it. */
  ready(): Promise<void>;
  /** Starts the load without waiting for it (start-up warm-up). */
  warm(): void;
  get(id: string): CaseRow | undefined;
  /** The cases of one account (any status). */
  ofAccount(accountId: string): ReadonlyArray<CaseRow>;
  accountName(accountId: string): string | undefined;
  accountTier(accountId: string): AccountTier | undefined;
  /**
   * Every case (or, with 'open', every case not resolved or closed) sorted ascending by `field`,
   * then by id; live (patched in place by later changes).
   */
  ordered(field: CaseOrderField, only?: 'open'): ReadonlyArray<CaseRow>;
  /** Told about every change applied after the load, after the projection itself is patched. */
  subscribe(listener: (changes: ReadonlyArray<CaseRowChange>) => void): () => void;
};

export type CaseProjectionOptions = { readonly log?: (message: string, error: unknown) => void };
/** A bulk larger than this drops the sorted orders (rebuilt on next use) instead of patching each. */
export const PATCH_LIMIT = 2_000;

const PRIORITY_RANK: Readonly<Record<Case['priority'], number>> = Object.fromEntries(CASE_PRIORITIES.map((p, i) => [p, i])) as never;

const byId = (a: CaseRow, b: CaseRow): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
export const ORDER_COMPARATORS: Readonly<Record<CaseOrderField, (a: CaseRow, b: CaseRow) => number>> = {
  openedAt: (a, b) => a.openedAt - b.openedAt || byId(a, b),
  updatedAt: (a, b) => a.updatedAt - b.updatedAt || byId(a, b),
  priority: (a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || a.openedAt - b.openedAt || byId(a, b),
  caseNumber: (a, b) => (a.caseNumber < b.caseNumber ? -1 : a.caseNumber > b.caseNumber ? 1 : byId(a, b)),
};

const isOpen = (row: CaseRow): boolean => row.status !== 'resolved' && row.status !== 'closed';

const ORDER_FIELDS: ReadonlyArray<CaseOrderField> = ['openedAt', 'updatedAt', 'priority', 'caseNumber'];

type AccountFacts = { readonly name: string; readonly tier: AccountTier };

/**
 * Every case held in memory as a CaseRow, read once page by page and then patched from the cases'
 * and accounts' change events (local writes and sync pulls alike), so open-case queues, which the
 * store can only answer with a scan, are answered from memory with no table read.
 */
export function createCaseProjection(db: CrmDatabase, options: CaseProjectionOptions = {}): CaseProjection {
  const cases = new Map<string, CaseRow>();
  const byAccount = new Map<string, Set<string>>();
  const accounts = new Map<string, AccountFacts>();
  const orders = new Map<CaseOrderField, SortedList<CaseRow>>();
  // The same orders over open cases only: most queues hold nothing else, and they are a fraction of all.
  const openOrders = new Map<CaseOrderField, SortedList<CaseRow>>();
  const listeners = new Set<(changes: ReadonlyArray<CaseRowChange>) => void>();
  let version = 0;
  let closed = false;
  let loaded = false;
  let loading: Promise<void> | undefined;
  let cachedRows: { version: number; rows: ReadonlyArray<CaseRow> } | undefined;
  // Ids changed by an event while the pages load: the event's data is at least as new as any page.
  const touched = new Set<string>();

  const setCase = (id: string, after: CaseRow | undefined, changes: CaseRowChange[] | undefined): void => {
    const before = cases.get(id);
    if (!before && !after) return;
    if (before) {
      byAccount.get(before.accountId)?.delete(id);
      for (const order of orders.values()) order.remove(before);
      if (isOpen(before)) for (const order of openOrders.values()) order.remove(before);
    }
    if (after) {
      cases.set(id, after);
      let ids = byAccount.get(after.accountId);
      if (!ids) byAccount.set(after.accountId, (ids = new Set()));
      ids.add(id);
      for (const order of orders.values()) order.insert(after);
      if (isOpen(after)) for (const order of openOrders.values()) order.insert(after);
    } else cases.delete(id);
    changes?.push({ before, after });
  };

  const toRow = (c: Case): CaseRow => ({
    id: c.id,
    caseNumber: c.caseNumber,
    ownerId: c.ownerId,
    teamId: c.teamId,
    assigneeId: c.assigneeId,
    accountId: c.accountId,
    status: c.status,
    priority: c.priority,
    channel: c.channel,
    category: c.category,
    openedAt: c.openedAt,
    updatedAt: c.updatedAt,
    firstRespondedAt: c.firstRespondedAt,
    resolvedAt: c.resolvedAt,
    closedAt: c.closedAt,
    statusHistory: c.statusHistory,
    slaOutcome: c.slaOutcome,
    tier: accounts.get(c.accountId)?.tier,
  });

  const isDeleted = (event: { operation: string; documentData: unknown }): boolean =>
    event.operation === 'DELETE' || (event.documentData as { _deleted?: boolean } | undefined)?._deleted === true;

  const publish = (changes: ReadonlyArray<CaseRowChange>): void => {
    version++;
    if (!loaded || changes.length === 0) return;
    for (const listener of listeners) listener(changes);
  };

  const subscriptions: Subscription[] = [
    domainChanges(db.cases).subscribe((bulk) => {
      if (!loading) return;
      if (bulk.events.length > PATCH_LIMIT) {
        orders.clear();
        openOrders.clear();
      }
      const changes: CaseRowChange[] = [];
      for (const event of bulk.events) {
        touched.add(event.documentId);
        setCase(event.documentId, isDeleted(event) ? undefined : toRow(event.documentData as Case), changes);
      }
      publish(changes);
    }),
    domainChanges(db.accounts).subscribe((bulk) => {
      if (!loading) return;
      const changes: CaseRowChange[] = [];
      for (const event of bulk.events) {
        const id = event.documentId;
        const before = accounts.get(id)?.tier;
        if (isDeleted(event)) accounts.delete(id);
        else {
          const account = event.documentData as Account;
          accounts.set(id, { name: account.name, tier: account.tier });
        }
        const tier = accounts.get(id)?.tier;
        if (tier === before) continue;
        // The account's tier picks the SLA policy, so its cases change with it.
        // A copy: setCase takes each case out of the account's set and puts it back.
        for (const caseId of [...(byAccount.get(id) ?? [])]) {
          const row = cases.get(caseId);
          if (row) setCase(caseId, { ...row, tier }, changes);
        }
      }
      publish(changes);
    }),
  ];

  // The first read goes a page at a time straight from the SQLite table (for-each-document.ts).
  const loadAll = <T>(collection: RxCollection<T>, apply: (id: string, doc: T) => void): Promise<void> =>
    forEachDocument<T>(db, collection, (doc, id) => !touched.has(id) && apply(id, doc), { stopped: () => closed });

  // Sorting every case is the slow part of a first list: done after the load, one order per turn.
  const prebuildOrders = async (): Promise<void> => {
    for (const field of ORDER_FIELDS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (closed) return;
      const all = orders.get(field) ?? createSortedList(ORDER_COMPARATORS[field], cases.values());
      orders.set(field, all);
      if (!openOrders.has(field)) openOrders.set(field, createSortedList(ORDER_COMPARATORS[field], all.items.filter(isOpen), true));
    }
  };

  const load = (): Promise<void> => {
    // A load screens wait for: background analyses take their turns after it (work-lanes.ts).
    loading ??= foregroundLoad(async () => {
      await loadAll<Account>(db.accounts, (id, a) => {
        if (!accounts.has(id)) accounts.set(id, { name: a.name, tier: a.tier });
      });
      await loadAll<Case>(db.cases, (id, c) => setCase(id, toRow(c), undefined));
      // A case event that arrived before its account's page carries no tier: fill it in now.
      for (const [id, row] of cases) {
        const tier = accounts.get(row.accountId)?.tier;
        if (row.tier !== tier) setCase(id, { ...row, tier }, undefined);
      }
      touched.clear();
      loaded = true;
      version++;
      void prebuildOrders();
    });
    loading.catch((error: unknown) => {
      if (closed) return;
      options.log?.('cases could not be loaded', error);
      loading = undefined;
      cases.clear();
      byAccount.clear();
      accounts.clear();
      orders.clear();
      openOrders.clear();
    });
    return loading;
  };

  return {
    async rows() {
      await load();
      if (cachedRows?.version !== version) cachedRows = { version, rows: [...cases.values()] };
      return cachedRows.rows;
    },
    version: () => version,
    ready: load,
    warm() {
      void load().catch(() => undefined);
    },
    get: (id) => cases.get(id),
    ofAccount(accountId) {
      const out: CaseRow[] = [];
      for (const id of byAccount.get(accountId) ?? []) {
        const row = cases.get(id);
        if (row) out.push(row);
      }
      return out;
    },
    accountName: (accountId) => accounts.get(accountId)?.name,
    accountTier: (accountId) => accounts.get(accountId)?.tier,
    ordered(field, only) {
      let order = orders.get(field);
      if (!order) orders.set(field, (order = createSortedList(ORDER_COMPARATORS[field], cases.values())));
      if (only !== 'open') return order.items;
      let open = openOrders.get(field);
      if (!open) openOrders.set(field, (open = createSortedList(ORDER_COMPARATORS[field], order.items.filter(isOpen), true)));
      return open.items;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      listeners.clear();
      for (const subscription of subscriptions) subscription.unsubscribe();
    },
  };
}
