import { z } from 'zod';
import { baseDocumentShape, epochMsSchema, idSchema, labelSchema, shortLabelSchema, textSchema } from './primitives';

export const ACTIVITY_TYPES = ['task', 'call', 'meeting', 'visit', 'note'] as const;
export const ACTIVITY_PRIORITIES = ['low', 'normal', 'high'] as const;

/**
 * Tasks, calls, meetings, customer visits and notes share one shape (one timeline, one agenda);
 * `type` tells them apart. `dueAt` is an instant because a meeting happens at a time of day.
 */
export const activitySchema = z.object({
  ...baseDocumentShape,
  type: z.enum(ACTIVITY_TYPES),
  subject: labelSchema.min(1, 'an activity needs a subject'),
  description: textSchema.optional(),
  dueAt: epochMsSchema.optional(),
  endAt: epochMsSchema.optional(),
  reminderAt: epochMsSchema.optional(),
  done: z.boolean(),
  doneAt: epochMsSchema.optional(),
  priority: z.enum(ACTIVITY_PRIORITIES),
  location: labelSchema.optional(),
  outcome: shortLabelSchema.optional(),
  durationMinutes: z.int().min(0).max(100_000).optional(),
  accountId: idSchema.optional(),
  contactId: idSchema.optional(),
  opportunityId: idSchema.optional(),
  caseId: idSchema.optional(),
});

export type Activity = z.infer<typeof activitySchema>;

/** Agenda (owner + due), reminders, and timelines per related record. */
export const activityIndexes = [
  'updatedAt',
  ['ownerId', 'done', 'dueAt'],
  ['accountId', 'dueAt'],
  ['contactId', 'dueAt'],
  ['opportunityId', 'dueAt'],
  ['done', 'reminderAt'],
] as const;
