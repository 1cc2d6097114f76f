import { z } from 'zod';
import { baseDocumentShape, epochMsSchema, idSchema, labelSchema, shortLabelSchema, textSchema } from './primitives';

export const CASE_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const CASE_STATUSES = ['new', 'open', 'pending_customer', 'escalated', 'resolved', 'closed'] as const;
export const CASE_CHANNELS = ['phone', 'email', 'web', 'visit', 'chat'] as const;

/** A service case. SLA deadlines are instants computed from priority when the case is opened. */
export const caseSchema = z.object({
  ...baseDocumentShape,
  caseNumber: z.string().min(1).max(32),
  accountId: idSchema,
  contactId: idSchema.optional(),
  subject: labelSchema.min(1, 'a case needs a subject'),
  description: textSchema.optional(),
  priority: z.enum(CASE_PRIORITIES),
  status: z.enum(CASE_STATUSES),
  channel: z.enum(CASE_CHANNELS),
  category: shortLabelSchema.optional(),
  openedAt: epochMsSchema,
  firstResponseDueAt: epochMsSchema,
  resolutionDueAt: epochMsSchema,
  firstRespondedAt: epochMsSchema.optional(),
  resolvedAt: epochMsSchema.optional(),
  closedAt: epochMsSchema.optional(),
  knowledgeArticleIds: z.array(z.string().max(64)).max(50).optional(),
});

export type Case = z.infer<typeof caseSchema>;

export const caseIndexes = [
  'updatedAt',
  'caseNumber',
  ['status', 'resolutionDueAt'],
  ['priority', 'openedAt'],
  ['accountId', 'openedAt'],
  ['ownerId', 'status'],
] as const;
