import { ok } from '../../../shared/contract/result';
import type { ServiceDashboard, ServiceDashboardFilters } from '../../../shared/contract/service/service-dashboard-requests';
import { defineHandlers } from '../rpc/dispatcher';
import type { ServiceDeps } from '../service/service-deps';
import type { SlaReference } from '../service/sla-reference';
import { computeServiceDashboard } from './service-dashboard';
import { createCaseFactsStore, SLA_TICK_MS } from './service-dashboard-cases';
import { createSurveyProjection } from './service-dashboard-surveys';

/** Answers remembered per filters; the least recently used beyond this are dropped. */
const MAX_CACHED_ANSWERS = 24;

type Stamp = { readonly cases: number; readonly surveys: number; readonly reference: SlaReference; readonly tick: number };
const sameStamp = (a: Stamp, b: Stamp): boolean =>
  a.cases === b.cases && a.surveys === b.surveys && a.reference === b.reference && a.tick === b.tick;

/**
 * The service dashboard over the case projection, the synced SLA reference and an in-memory copy
 * of the survey answers. Per-case facts and open cases' SLA clocks are kept current by the case
 * facts store (service-dashboard-cases.ts); each filter combination's answer is cached by the
 * projection version, the survey version, the SLA reference and the minute, so a live re-run
 * without a change answers from memory.
 */
export function createServiceDashboard(deps: ServiceDeps) {
  const surveys = createSurveyProjection(deps.db, deps.log);
  const cases = createCaseFactsStore(deps.cases);
  const answers = new Map<string, { stamp: Stamp; answer: ServiceDashboard }>();

  const dashboard = async (filters: ServiceDashboardFilters): Promise<ServiceDashboard> => {
    const [reference, surveySnapshot] = await Promise.all([deps.sla.current(), surveys.snapshot()]);
    const now = deps.now();
    const stamp: Stamp = { cases: deps.cases.version(), surveys: surveySnapshot.version, reference, tick: Math.floor(now / SLA_TICK_MS) };
    const key = JSON.stringify([filters.ownerId, filters.teamId, filters.priority, filters.from, filters.to]);
    const cached = answers.get(key);
    answers.delete(key);
    if (cached && sameStamp(cached.stamp, stamp)) {
      answers.set(key, cached);
      return cached.answer;
    }
    const view = await cases.current(reference, now);
    const answer = computeServiceDashboard({ cases: view.facts, openSla: view.open, surveys: surveySnapshot.surveys, filters, now });
    // Most recently used last, so the first key is the one to drop.
    answers.set(key, { stamp, answer });
    if (answers.size > MAX_CACHED_ANSWERS) answers.delete(answers.keys().next().value ?? '');
    return answer;
  };

  return {
    dashboard,
    close(): void {
      surveys.close();
      cases.close();
      answers.clear();
    },
  };
}

/** After start-up the default dashboard is computed once in the background, so opening it is instant. */
const WARM_UP_MS = 3_000;

export function createServiceDashboardHandlers(deps: ServiceDeps) {
  const service = createServiceDashboard(deps);
  const warm = setTimeout(() => {
    service.dashboard({}).catch((error: unknown) => deps.log('service dashboard warm-up failed', error));
  }, WARM_UP_MS);
  warm.unref?.();
  deps.onClose(() => {
    clearTimeout(warm);
    service.close();
  });
  return defineHandlers({
    'service.dashboard': async ({ filters }) => ok(await service.dashboard(filters)),
  });
}
