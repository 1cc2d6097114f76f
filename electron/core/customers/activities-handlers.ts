import type { MangoQuerySelector } from 'rxdb';
import { ok, type ListWindow } from '../../../shared/contract';
import type { ActivityListParams } from '../../../shared/contract/customers/activities-requests';
import type { Activity } from '../../../shared/schemas';
import { defineHandlers } from '../rpc/dispatcher';
import { HandlerError } from '../rpc/handler-error';
import { createRecordStore, type StoreDeps } from './record-store';
import { toStored } from '../db/validated-documents';

type ValidListParams = Required<Pick<ActivityListParams, 'filter' | 'offset' | 'limit'>>;

/** Activities for timelines: list by account or contact, log a call/visit/note, complete a task. */
export function createActivitiesHandlers(deps: StoreDeps) {
  const store = createRecordStore<Activity>('activities', deps);

  async function list({ filter, offset, limit }: ValidListParams): Promise<ListWindow<Activity>> {
    const selector: MangoQuerySelector<Activity> = {};
    // The equality field leads the index ([accountId, dueAt] or [contactId, dueAt]), so newest-first
    // reads one index range backwards.
    if (filter.accountId !== undefined) selector.accountId = filter.accountId;
    if (filter.contactId !== undefined) selector.contactId = filter.contactId;
    if (filter.done !== undefined) selector.done = filter.done;
    // Named explicitly: with `done` in the selector the planner would prefer [done, reminderAt],
    // which spans every account's activities.
    const index = filter.accountId !== undefined ? ['accountId', 'dueAt'] : ['contactId', 'dueAt'];
    const [docs, total] = await Promise.all([
      store.collection.find({ selector, sort: [{ dueAt: 'desc' }], skip: offset, limit, index }).exec(),
      store.collection.count({ selector, index }).exec(),
    ]);
    return {
      rows: docs.map((doc) => toStored(doc) as ListWindow<Activity>['rows'][number]),
      total,
      offset,
    };
  }

  return {
    store,
    list,
    handlers: defineHandlers({
      'activities.list': async (params) => ok(await list(params)),
      'activities.create': async ({ values }) => {
        // Logged after the fact: a done call without its own doneAt happened at its dueAt.
        const doneAt = values.done ? (values.doneAt ?? values.dueAt ?? deps.now()) : values.doneAt;
        return ok(await store.create({ ...values, ...(doneAt === undefined ? {} : { doneAt }) }));
      },
      'activities.complete': async ({ id, expectedRevision }) => {
        const current = await store.get(id);
        if (current.done) throw new HandlerError('invalid_state', `The activity ${id} is done already`);
        return ok(await store.update(id, { done: true, doneAt: deps.now() }, [], expectedRevision));
      },
    }),
  };
}
