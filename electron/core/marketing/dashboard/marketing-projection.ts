import type { RxCollection } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { Lead } from '../../../../shared/schemas/leads';
import type { MarketingDoc, Segment } from '../../../../shared/schemas/marketing';
import type { CrmDatabase } from '../../db/open-crm-database';
import { leadGroupKey, leadPlace, type LeadGroup } from './compute-marketing-dashboard';
import { domainChanges } from '../../db/domain-changes';
import { forEachDocument } from '../../db/for-each-document';
import { foregroundLoad } from '../../db/work-lanes';

/**
 * What the dashboard reads beside the campaign figures (which come from the shared campaign-figures
 * source): the saved segments and the leads grouped for the monthly chart.
 */
export type MarketingSnapshot = {
  /** Bumped by every applied change: anything computed at another version is stale. */
  readonly version: number;
  readonly segments: ReadonlyArray<Pick<Segment, 'id' | 'name' | 'definition'>>;
  readonly leadGroups: ReadonlyArray<LeadGroup>;
};

export type MarketingProjection = {
  /** Resolves once the segments and leads are loaded; later calls answer from memory. */
  snapshot(): Promise<MarketingSnapshot>;
  warm(): void;
  close(): void;
};

type SegmentFacts = MarketingSnapshot['segments'][number];
type LeadFacts = Pick<Lead, 'createdAt' | 'ownerId' | 'teamId' | 'campaignId'>;
type MutableGroup = { -readonly [K in keyof LeadGroup]: LeadGroup[K] };

const LEAD_FIELDS = `json_patch('{}', json_object(${['createdAt', 'ownerId', 'teamId', 'campaignId']
  .map((field) => `'${field}', json_extract(data, '$.${field}')`)
  .join(', ')}))`;

/**
 * The saved segments and the leads counted by month, owner, team and source campaign, read once page
 * by page straight from SQLite, then patched from the collections' change events (local writes and
 * sync pulls both arrive there), so no request reads a table. A lead is held as the key of its group
 * only; the chart sums the groups.
 */
export function createMarketingProjection(db: CrmDatabase, log: (message: string, error: unknown) => void): MarketingProjection {
  const segments = new Map<string, SegmentFacts>();
  const leadKeys = new Map<string, string>();
  const groups = new Map<string, MutableGroup>();
  let version = 0;
  let closed = false;
  let loading: Promise<void> | undefined;
  let cached: MarketingSnapshot | undefined;
  const subscriptions: Subscription[] = [];
  const touched = new Set<string>();

  /** Writes one document's facts; true when that can move an answer (an outbox message or a campaign cannot here). */
  type Apply<T> = (id: string, doc: T | undefined) => boolean;
  const applyMarketing: Apply<MarketingDoc> = (id, doc) => {
    if (doc?.kind === 'segment') {
      segments.set(id, { id: doc.id, name: doc.name, definition: doc.definition });
      return true;
    }
    return segments.delete(id);
  };
  const applyLead: Apply<LeadFacts> = (id, doc) => {
    const before = leadKeys.get(id);
    if (before !== undefined) {
      const group = groups.get(before)!;
      if (--group.count === 0) groups.delete(before);
      leadKeys.delete(id);
    }
    if (!doc) return before !== undefined;
    const place = leadPlace(doc);
    const key = leadGroupKey(place);
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { ...place, count: 1 });
    leadKeys.set(id, key);
    return key !== before;
  };

  const follow = <T>(collection: RxCollection<T>, apply: Apply<T>): void => {
    subscriptions.push(
      domainChanges(collection).subscribe((bulk) => {
        if (!loading) return;
        let relevant = false;
        for (const event of bulk.events) {
          touched.add(event.documentId);
          const deleted = event.operation === 'DELETE' || (event.documentData as { _deleted?: boolean })._deleted === true;
          if (apply(event.documentId, deleted ? undefined : (event.documentData as T))) relevant = true;
        }
        // Outbox, campaign and member writes, and lead edits that keep the lead's group, leave every answer as it was.
        if (relevant) version++;
      }),
    );
  };
  follow(db.marketing as unknown as RxCollection<MarketingDoc>, applyMarketing);
  follow(db.leads as unknown as RxCollection<LeadFacts>, applyLead);

  /** A page at a time from the SQLite table (for-each-document.ts); `data` gives each row's JSON: the whole document, or only the fields wanted. */
  const loadAll = <T>(collection: RxCollection<T>, apply: Apply<T>, where = '', data = 'data'): Promise<void> =>
    forEachDocument<T>(db, collection, (doc, id) => !touched.has(id) && apply(id, doc), { stopped: () => closed, where, data });

  const load = (): Promise<void> => {
    // A load screens wait for: background analyses take their turns after it (work-lanes.ts).
    loading ??= foregroundLoad(async () => {
      // Only the segments: outbox messages (whole rendered e-mails) are most of the collection's bytes.
      await loadAll(db.marketing as unknown as RxCollection<MarketingDoc>, applyMarketing, `AND json_extract(data, '$.kind') = 'segment'`);
      // Of a lead only four fields count, picked by SQLite's JSON reader; json_patch drops a missing campaign's null.
      await loadAll(db.leads as unknown as RxCollection<LeadFacts>, applyLead, '', LEAD_FIELDS);
      touched.clear();
      version++;
    });
    loading.catch((error: unknown) => {
      if (closed) return;
      log('marketing dashboard data could not be loaded', error);
      loading = undefined;
      segments.clear();
      leadKeys.clear();
      groups.clear();
    });
    return loading;
  };

  const build = (): MarketingSnapshot => ({
    version,
    segments: [...segments.values()].sort((a, b) => a.name.localeCompare(b.name)),
    leadGroups: [...groups.values()].map((g) => ({ ...g })),
  });

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
