import { ok, type Stored } from '../../../shared/contract';
import type { AgendaItem } from '../../../shared/contract/sales/agenda-requests';
import type { Activity } from '../../../shared/schemas';
import type { StoreDeps } from '../customers/record-store';
import { defineHandlers } from '../rpc/dispatcher';
import { toStored } from './sales-store';

/** The rep's open tasks, calls, meetings and visits up to the end of today; notes are never "due". */
export function createAgendaHandlers(deps: StoreDeps) {
  return defineHandlers({
    'agenda.today': async ({ dayStart, dayEnd, soonMs }) => {
      const now = deps.now();
      const horizon = Math.max(dayEnd, now + soonMs);
      // Served by [ownerId, done, dueAt]: one index range per rep.
      const docs = await deps.db.activities
        .find({
          selector: { ownerId: deps.actor.ownerId, done: false, dueAt: { $lt: horizon } },
          sort: [{ dueAt: 'asc' }],
          index: ['ownerId', 'done', 'dueAt'],
        })
        .exec();
      const open = await withNames(
        deps,
        docs.map(toStored).filter((a) => a.type !== 'note'),
      );
      const due = (a: Activity) => a.dueAt ?? 0;
      return ok({
        overdue: open.filter((a) => due(a) < dayStart),
        today: open.filter((a) => due(a) >= dayStart && due(a) < dayEnd),
        reminders: open.filter((a) => due(a) >= now && ((a.reminderAt ?? due(a) - soonMs) <= now || due(a) <= now + soonMs)),
      });
    },
  });
}

/** Each row names its account and deal: two primary-key reads for the whole agenda. */
async function withNames(deps: StoreDeps, items: ReadonlyArray<Stored<Activity>>): Promise<AgendaItem[]> {
  const accountIds = [...new Set(items.flatMap((item) => (item.accountId ? [item.accountId] : [])))];
  const opportunityIds = [...new Set(items.flatMap((item) => (item.opportunityId ? [item.opportunityId] : [])))];
  const [accounts, opportunities] = await Promise.all([
    deps.db.accounts.findByIds(accountIds).exec(),
    deps.db.opportunities.findByIds(opportunityIds).exec(),
  ]);
  return items.map((item) => {
    const accountName = item.accountId ? accounts.get(item.accountId)?.name : undefined;
    const opportunityName = item.opportunityId ? opportunities.get(item.opportunityId)?.name : undefined;
    return { ...item, ...(accountName ? { accountName } : {}), ...(opportunityName ? { opportunityName } : {}) };
  });
}
