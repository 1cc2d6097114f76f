import type { RxCollection } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { Account, OrgDoc } from '../../../shared/schemas';
import { projectOpportunity } from '../analytics/extract-analytics-data';
import type { CrmDatabase } from '../db/open-crm-database';
import type { DashboardOpportunity, DashboardQuota } from './sales-dashboard';
import { domainChanges } from '../db/domain-changes';
import { forEachDocument } from '../db/for-each-document';
import { foregroundLoad } from '../db/work-lanes';

/** What the dashboard reads, held in memory and kept current from the change streams. */
export type DashboardSnapshot = {
  /** Bumped by every applied change: a cached answer computed at another version is stale. The maps are live. */
  readonly version: number;
  readonly opportunities: ReadonlyArray<DashboardOpportunity>;
  readonly accountNames: ReadonlyMap<string, string>;
  readonly accountRegions: ReadonlyMap<string, string>;
  readonly userNames: ReadonlyMap<string, string>;
  readonly teamNames: ReadonlyMap<string, string>;
  readonly quotas: ReadonlyArray<DashboardQuota>;
};

export type DashboardProjection = {
  /** Resolves once every collection is loaded; later calls answer from memory. */
  snapshot(): Promise<DashboardSnapshot>;
  /** Starts the load without waiting for it (start-up warm-up). */
  warm(): void;
  close(): void;
};

type OrgFacts =
  | { readonly kind: 'user'; readonly name: string }
  | { readonly kind: 'team'; readonly name: string }
  | ({ readonly kind: 'quota' } & DashboardQuota)
  | { readonly kind: 'other' };

/**
 * The dashboard's working set (deal projections, account names and regions, users, teams and
 * quotas) read once, page by page, and then patched from each collection's change events, so no
 * request reads a whole table. Local writes and sync pulls both arrive through those events.
 */
export function createDashboardProjection(db: CrmDatabase, log: (message: string, error: unknown) => void): DashboardProjection {
  const deals = new Map<string, DashboardOpportunity>();
  const accountNames = new Map<string, string>();
  const accountRegions = new Map<string, string>();
  const org = new Map<string, OrgFacts>();
  let version = 0;
  let closed = false;
  let loading: Promise<void> | undefined;
  let cached: DashboardSnapshot | undefined;
  const subscriptions: Subscription[] = [];
  // Ids changed by an event while the pages load: the event's data is at least as new as any page.
  // Kept only until the load ends.
  const touched = new Set<string>();
  let loaded = false;

  /** Writes one document's facts into the maps; `undefined` removes it. */
  type Apply<T> = (id: string, doc: T | undefined) => void;
  const applyDeal: Apply<DashboardOpportunity> = (id, doc) => (doc ? deals.set(id, projectOpportunity(doc)) : deals.delete(id));
  const applyAccount: Apply<Account> = (id, doc) => {
    if (!doc) {
      accountNames.delete(id);
      accountRegions.delete(id);
      return;
    }
    accountNames.set(id, doc.name);
    accountRegions.set(id, doc.region);
  };
  const applyOrg: Apply<OrgDoc> = (id, doc) => (doc ? org.set(id, projectOrg(doc)) : org.delete(id));

  const follow = <T>(collection: RxCollection<T>, apply: Apply<T>): void => {
    subscriptions.push(
      domainChanges(collection).subscribe((bulk) => {
        if (!loading) return;
        for (const event of bulk.events) {
          if (!loaded) touched.add(event.documentId);
          const deleted = event.operation === 'DELETE' || (event.documentData as { _deleted?: boolean })._deleted === true;
          apply(event.documentId, deleted ? undefined : (event.documentData as T));
        }
        version++;
      }),
    );
  };
  follow(db.opportunities, applyDeal);
  follow(db.accounts, applyAccount);
  follow(db.org, applyOrg);

  // The first read goes a page at a time straight from the SQLite table (for-each-document.ts).
  const loadAll = <T>(collection: RxCollection<T>, apply: Apply<T>): Promise<void> =>
    forEachDocument<T>(db, collection, (doc, id) => !touched.has(id) && apply(id, doc), { stopped: () => closed });

  const load = (): Promise<void> => {
    // A load screens wait for: background analyses take their turns after it (work-lanes.ts).
    loading ??= foregroundLoad(async () => {
      await loadAll(db.org, applyOrg);
      await loadAll(db.accounts, applyAccount);
      await loadAll(db.opportunities, applyDeal);
      touched.clear();
      loaded = true;
      version++;
    });
    loading.catch((error: unknown) => {
      if (closed) return;
      log('dashboard data could not be loaded', error);
      loading = undefined;
      touched.clear();
      deals.clear();
      accountNames.clear();
      accountRegions.clear();
      org.clear();
    });
    return loading;
  };

  const build = (): DashboardSnapshot => {
    const userNames = new Map<string, string>();
    const teamNames = new Map<string, string>();
    const quotas: DashboardQuota[] = [];
    for (const [id, facts] of org) {
      if (facts.kind === 'user') userNames.set(id, facts.name);
      else if (facts.kind === 'team') teamNames.set(id, facts.name);
      else if (facts.kind === 'quota') {
        const { kind: _kind, ...quota } = facts;
        quotas.push(quota);
      }
    }
    return { version, opportunities: [...deals.values()], accountNames, accountRegions, userNames, teamNames, quotas };
  };

  return {
    async snapshot() {
      await load();
      if (cached?.version !== version) cached = build();
      return cached;
    },
    warm() {
      void load().catch(() => undefined);
    },
    close() {
      closed = true;
      for (const subscription of subscriptions) subscription.unsubscribe();
    },
  };
}

function projectOrg(record: OrgDoc): OrgFacts {
  switch (record.kind) {
    case 'user':
      return { kind: 'user', name: record.name };
    case 'team':
      return { kind: 'team', name: record.name };
    case 'quota':
      return {
        kind: 'quota',
        userId: record.userId,
        teamId: record.teamId,
        period: record.period,
        periodStart: record.periodStart,
        currency: record.currency,
        amount: record.amount,
      };
    default:
      return { kind: 'other' };
  }
}
