import { ok } from '../../../shared/contract/result';
import type { ServiceDashboard, ServiceDashboardFilters } from '../../../shared/contract/service/service-dashboard-requests';
import type { CaseSla, SlaState } from '../../../shared/service/sla-state';
import { defineHandlers } from '../rpc/dispatcher';
import type { CaseRow } from '../service/case-projection';
import type { ServiceDeps } from '../service/service-deps';
import type { SlaReference } from '../service/sla-reference';
import { caseFacts, computeServiceDashboard, slaStateAt, type CaseFacts } from './service-dashboard';
import { createSurveyProjection } from './service-dashboard-surveys';

/** Answers remembered per filters; the least recently used beyond this are dropped. */
const MAX_CACHED_ANSWERS = 24;
/**
 * Open cases' SLA states move with the clock, not only with data: an answer is reused for at most
 * this long, so at-risk and breached counts are never older than a minute when asked again.
 */
const SLA_TICK_MS = 60_000;

type Stamp = { readonly cases: number; readonly surveys: number; readonly reference: SlaReference; readonly tick: number };
const sameStamp = (a: Stamp, b: Stamp): boolean =>
  a.cases === b.cases && a.surveys === b.surveys && a.reference === b.reference && a.tick === b.tick;

/**
 * The service dashboard over the case projection, the synced SLA reference and an in-memory copy
 * of the survey answers. Three layers of cache, each keyed by what it depends on: per-case facts
 * (durations, SLA outcome) by row object and reference, so a change recomputes only changed rows;
 * open cases' SLA states by projection version, reference and minute; and each filter
 * combination's answer by all of those plus the survey version, so a live re-run without a change
 * answers from memory.
 */
export function createServiceDashboard(deps: ServiceDeps) {
  const surveys = createSurveyProjection(deps.db, deps.log);
  // Row objects are never mutated (a change replaces the row), so a row object keys what it yields.
  let factsCache: { reference: SlaReference; byRow: WeakMap<CaseRow, CaseFacts>; slaByRow: WeakMap<CaseRow, CaseSla> } | undefined;
  let caseState: { version: number; reference: SlaReference; facts: CaseFacts[] } | undefined;
  let slaState: { version: number; reference: SlaReference; tick: number; open: Array<SlaState | undefined> } | undefined;
  const answers = new Map<string, { stamp: Stamp; answer: ServiceDashboard }>();

  const factsOf = (rows: ReadonlyArray<CaseRow>, reference: SlaReference): CaseFacts[] => {
    if (factsCache?.reference !== reference) factsCache = { reference, byRow: new WeakMap(), slaByRow: new WeakMap() };
    const byRow = factsCache.byRow;
    return rows.map((row) => {
      let facts = byRow.get(row);
      if (!facts) {
        facts = caseFacts(row, reference);
        byRow.set(row, facts);
      }
      return facts;
    });
  };

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

    if (caseState?.version !== stamp.cases || caseState.reference !== reference) {
      const rows = await deps.cases.rows();
      caseState = { version: stamp.cases, reference, facts: factsOf(rows, reference) };
    }
    const facts = caseState.facts;
    if (slaState?.version !== stamp.cases || slaState.reference !== reference || slaState.tick !== stamp.tick) {
      const open = new Array<SlaState | undefined>(facts.length);
      const slaByRow = factsCache!.slaByRow;
      for (let index = 0; index < facts.length; index++) {
        const { row, finishedAt } = facts[index]!;
        if (finishedAt !== undefined) continue;
        let sla = slaByRow.get(row);
        if (!sla) {
          sla = reference.slaOf(row, row.tier, now);
          slaByRow.set(row, sla);
        }
        open[index] = slaStateAt(sla, now);
      }
      slaState = { version: stamp.cases, reference, tick: stamp.tick, open };
    }
    const answer = computeServiceDashboard({ cases: facts, openSla: slaState.open, surveys: surveySnapshot.surveys, filters, now });
    // Most recently used last, so the first key is the one to drop.
    answers.set(key, { stamp, answer });
    if (answers.size > MAX_CACHED_ANSWERS) answers.delete(answers.keys().next().value ?? '');
    return answer;
  };

  return {
    dashboard,
    close(): void {
      surveys.close();
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
  return defineHandlers({
    'service.dashboard': async ({ filters }) => ok(await service.dashboard(filters)),
  });
}
