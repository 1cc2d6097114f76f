import type { Subscription } from 'rxjs';
import type { SurveyResponse } from '../../../shared/schemas';
import type { CrmDatabase } from '../db/open-crm-database';
import { tableNameFor } from '../storage/sqlite/sqlite-table';
import type { RxStorageSqlite } from '../storage/sqlite/sqlite-types';
import type { DashboardSurvey } from './service-dashboard';
import { domainChanges } from '../db/domain-changes';
import { foregroundLoad } from '../db/work-lanes';

export type SurveySnapshot = {
  /** Bumped by every applied change: an answer computed at another version is stale. */
  readonly version: number;
  readonly surveys: ReadonlyArray<DashboardSurvey>;
};

export type SurveyProjection = {
  snapshot(): Promise<SurveySnapshot>;
  close(): void;
};

const PAGE = 5_000;

/**
 * The survey answers the service dashboard reads, loaded once page by page straight from the
 * SQLite table and then patched from the collection's change events (local writes and sync pulls).
 */
export function createSurveyProjection(db: CrmDatabase, log: (message: string, error: unknown) => void): SurveyProjection {
  const surveys = new Map<string, DashboardSurvey>();
  // Ids changed by an event while the pages load: the event's data is at least as new as any page.
  const touched = new Set<string>();
  let version = 0;
  let closed = false;
  let loading: Promise<void> | undefined;
  let cached: SurveySnapshot | undefined;

  const apply = (id: string, doc: SurveyResponse | undefined): void => {
    if (!doc) {
      surveys.delete(id);
      return;
    }
    const { survey, score, ownerId, teamId, respondedAt, caseId } = doc;
    surveys.set(id, { survey, score, ownerId, teamId, respondedAt, ...(caseId ? { caseId } : {}) });
  };

  const subscription: Subscription = domainChanges(db.surveys).subscribe((bulk) => {
    if (!loading) return;
    for (const event of bulk.events) {
      touched.add(event.documentId);
      const deleted = event.operation === 'DELETE' || (event.documentData as { _deleted?: boolean })._deleted === true;
      apply(event.documentId, deleted ? undefined : (event.documentData as SurveyResponse));
    }
    version++;
  });

  const loadAll = async (): Promise<void> => {
    const connection = (db.storage as Partial<RxStorageSqlite>).getConnection?.(db.name);
    if (!connection) {
      for (const doc of await db.surveys.find().exec()) if (!touched.has(doc.primary)) apply(doc.primary, doc.toMutableJSON(false));
      return;
    }
    const table = tableNameFor(db.surveys.name, db.surveys.schema.version);
    const page = connection.prepare(`SELECT id, data FROM ${table} WHERE deleted = 0 AND id > ? ORDER BY id LIMIT ${PAGE}`);
    let after = '';
    for (;;) {
      if (closed) return;
      const rows = page.all(after) as Array<{ id: string; data: string }>;
      for (const row of rows) if (!touched.has(row.id)) apply(row.id, JSON.parse(row.data) as SurveyResponse);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.id;
      // Lets requests queued behind the load run between pages.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };

  const load = (): Promise<void> => {
    // A load screens wait for: background analyses take their turns after it (work-lanes.ts).
    loading ??= foregroundLoad(loadAll).then(() => {
      touched.clear();
      version++;
    });
    loading.catch((error: unknown) => {
      if (closed) return;
      log('survey answers could not be loaded', error);
      loading = undefined;
      surveys.clear();
    });
    return loading;
  };

  return {
    async snapshot() {
      await load();
      if (cached?.version !== version) cached = { version, surveys: [...surveys.values()] };
      return cached;
    },
    close() {
      closed = true;
      subscription.unsubscribe();
    },
  };
}
