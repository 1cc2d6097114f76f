import type { Subscription } from 'rxjs';
import type { SurveyResponse } from '../../../shared/schemas';
import type { CrmDatabase } from '../db/open-crm-database';
import type { DashboardSurvey } from './service-dashboard';
import { domainChanges } from '../db/domain-changes';
import { forEachDocument } from '../db/for-each-document';
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

  // A page at a time straight from the SQLite table (for-each-document.ts).
  const loadAll = (): Promise<void> =>
    forEachDocument<SurveyResponse>(db, db.surveys, (doc, id) => !touched.has(id) && apply(id, doc), { stopped: () => closed });

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
