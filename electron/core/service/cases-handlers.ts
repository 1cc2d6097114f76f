import { ok, type Stored } from '../../../shared/contract';
import { CASE_QUEUES, caseListParamsSchema, type CaseRecord } from '../../../shared/contract/service/cases-requests';
import type { Case } from '../../../shared/schemas';
import { defineHandlers } from '../rpc/dispatcher';
import { toStored } from '../db/validated-documents';
import { caseDetail } from './case-detail';
import { createCaseQueues, isOpenCase } from './case-queues';
import { loadCases, toCaseRecords } from './case-records';
import { createCaseWrites, type CaseWriteOptions } from './case-writes';
import type { ServiceDeps } from './service-deps';

/**
 * Case queues, detail and the workflow. Lists come from the in-memory case projection (the store
 * cannot range-scan "status is one of four"); only the window's documents are read from the store.
 */
export function createCasesHandlers(deps: ServiceDeps, options: CaseWriteOptions = {}) {
  const queues = createCaseQueues(deps.cases);
  const writes = createCaseWrites(deps, options);

  // The queue tabs in their default order are what a user opens first: answer them once the cases
  // are loaded, so the first look at each is a cached one.
  void deps.cases
    .ready()
    .then(async () => {
      const ref = await deps.sla.current();
      for (const name of CASE_QUEUES) {
        const { queue, filter, sort } = caseListParamsSchema.parse({ queue: name });
        await queues.select({ queue, filter, sort }, deps.actor, ref, deps.now(), { offset: 0, limit: 1 });
      }
      await queues.counts(deps.actor, ref, deps.now());
    })
    .catch((error: unknown) => deps.log('case queues could not be prepared', error));

  const record = async (c: Stored<Case>): Promise<CaseRecord> => {
    const [out] = await toCaseRecords(deps, [c], await deps.sla.current(), deps.now());
    if (!out) throw new Error('a case record was not built');
    return out;
  };

  return defineHandlers({
    'cases.list': async ({ queue, filter, sort, offset, limit }) => {
      const now = deps.now();
      const ref = await deps.sla.current();
      const { rows, total } = await queues.select({ queue, filter, sort }, deps.actor, ref, now, { offset, limit });
      const window = await loadCases(
        deps,
        rows.map((row) => row.id),
      );
      return ok({ rows: await toCaseRecords(deps, window, ref, now), total, offset });
    },

    'cases.queueCounts': async () => ok(await queues.counts(deps.actor, await deps.sla.current(), deps.now())),

    'cases.get': async ({ id }) => ok(await caseDetail(deps, toStored(await writes.cases.mustFind(id)) as Stored<Case>)),

    'cases.forAccount': async ({ accountId, limit }) => {
      await deps.cases.ready();
      const ref = await deps.sla.current();
      const open = deps.cases.ofAccount(accountId).filter(isOpenCase);
      const keyed = await Promise.all(
        open.map(async (row) => ({ row, due: (await queues.deadline(row, ref)) ?? Number.POSITIVE_INFINITY })),
      );
      // Soonest SLA deadline first; cases without one (paused, no policy) after, newest first.
      keyed.sort((a, b) => a.due - b.due || b.row.openedAt - a.row.openedAt);
      const window = await loadCases(
        deps,
        keyed.slice(0, limit).map((k) => k.row.id),
      );
      return ok({ rows: await toCaseRecords(deps, window, ref, deps.now()), openCount: open.length });
    },

    'cases.create': async ({ values }) => ok(await record(await writes.create(values))),

    'cases.update': async ({ id, patch, unset, expectedRevision }) =>
      ok(await record(await writes.update(id, patch, unset ?? [], expectedRevision))),

    'cases.transition': async ({ id, status, expectedRevision }) => ok(await record(await writes.transition(id, status, expectedRevision))),

    'cases.assign': async ({ id, assigneeId, expectedRevision }) => ok(await record(await writes.assign(id, assigneeId, expectedRevision))),

    'cases.linkArticle': async ({ id, articleId, linked }) => ok(await record(await writes.linkArticle(id, articleId, linked))),

    'cases.markHelpful': async ({ id, articleId, helpful }) => ok(await record(await writes.markHelpful(id, articleId, helpful))),
  });
}
