import { ok } from '../../../shared/contract';
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
      const open = docs.map(toStored).filter((a) => a.type !== 'note');
      const due = (a: Activity) => a.dueAt ?? 0;
      return ok({
        overdue: open.filter((a) => due(a) < dayStart),
        today: open.filter((a) => due(a) >= dayStart && due(a) < dayEnd),
        reminders: open.filter((a) => due(a) >= now && ((a.reminderAt ?? due(a) - soonMs) <= now || due(a) <= now + soonMs)),
      });
    },
  });
}
