import { z } from 'zod';
import { activitySchema, type Activity } from '../../schemas/activities';
import { idSchema } from '../../schemas/primitives';
import { request } from '../define-request';
import { CORE_OWNED_FIELDS, windowShape, type ListWindow, type Stored } from '../paging';

/** Fields a client may write; ids, timestamps, team and server bookkeeping are the core's. */
export const activityValuesSchema = activitySchema.omit(CORE_OWNED_FIELDS).extend({ ownerId: idSchema.optional() });
export type ActivityValues = z.infer<typeof activityValuesSchema>;

/**
 * A timeline is always about one record: at least one of account or contact is required, so the
 * query runs on the `[accountId, dueAt]` / `[contactId, dueAt]` index instead of scanning.
 */
export const activityListParamsSchema = z
  .strictObject({
    filter: z.strictObject({ accountId: idSchema.optional(), contactId: idSchema.optional(), done: z.boolean().optional() }),
    ...windowShape,
  })
  .refine((params) => params.filter.accountId !== undefined || params.filter.contactId !== undefined, {
    message: 'needs an accountId or a contactId',
    path: ['filter'],
  });
export type ActivityListParams = z.input<typeof activityListParamsSchema>;

export type ActivityRecord = Stored<Activity>;

export const activitiesRequests = {
  /** Newest first by `dueAt` (the time the call, visit or note happened or is planned). */
  'activities.list': request(activityListParamsSchema).returns<ListWindow<Activity>>(),
  'activities.create': request(z.strictObject({ values: z.strictObject(activityValuesSchema.shape) })).returns<ActivityRecord>(),
  /** Marks a planned activity done now; `conflict` when `expectedRevision` is stale. */
  'activities.complete': request(
    z.strictObject({ id: idSchema, expectedRevision: z.string().min(1).max(100).optional() }),
  ).returns<ActivityRecord>(),
} as const;
