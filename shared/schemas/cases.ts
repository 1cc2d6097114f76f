import { z } from 'zod';
import { baseDocumentShape, epochMsSchema, idSchema, labelSchema, shortLabelSchema, textSchema } from './primitives';

export const CASE_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const CASE_STATUSES = ['new', 'open', 'pending_customer', 'escalated', 'resolved', 'closed'] as const;
export const CASE_CHANNELS = ['phone', 'email', 'web', 'visit', 'chat'] as const;
export const CASE_CATEGORIES = ['installation', 'hardware', 'software', 'billing', 'delivery', 'training', 'other'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** One status change: the history the SLA clocks are computed from (shared/service/sla-clock.ts). */
export const caseStatusChangeSchema = z.object({
  status: z.enum(CASE_STATUSES),
  at: epochMsSchema,
  byUserId: idSchema,
});
export type CaseStatusChange = z.infer<typeof caseStatusChangeSchema>;

/**
 * The SLA result a case was resolved with, frozen at resolution (see shared/service/sla-state.ts
 * for why resolved cases keep it while open cases follow the current policy).
 */
export const caseSlaOutcomeSchema = z.object({
  policyId: idSchema,
  firstResponseTargetMinutes: z.int().min(1).max(1_000_000),
  resolutionTargetMinutes: z.int().min(1).max(1_000_000),
  firstResponseMinutes: z.int().min(0).max(100_000_000),
  resolutionMinutes: z.int().min(0).max(100_000_000),
  firstResponseMet: z.boolean(),
  resolutionMet: z.boolean(),
});
export type CaseSlaOutcome = z.infer<typeof caseSlaOutcomeSchema>;

/**
 * A service case. `ownerId` filed it; `assigneeId` works on it (absent: in the team's unassigned
 * queue). The status moves only through the core's workflow (electron/core/service/case-workflow.ts),
 * which appends to `statusHistory`; SLA state is derived from that history, never stored as truth.
 */
export const caseSchema = z.object({
  ...baseDocumentShape,
  caseNumber: z.string().min(1).max(32),
  accountId: idSchema,
  contactId: idSchema.optional(),
  /** The visit (an activity) during which the case was raised. */
  visitId: idSchema.optional(),
  assigneeId: idSchema.optional(),
  subject: labelSchema.min(1, 'a case needs a subject'),
  description: textSchema.optional(),
  priority: z.enum(CASE_PRIORITIES),
  status: z.enum(CASE_STATUSES),
  channel: z.enum(CASE_CHANNELS),
  category: shortLabelSchema.optional(),
  openedAt: epochMsSchema,
  firstRespondedAt: epochMsSchema.optional(),
  resolvedAt: epochMsSchema.optional(),
  closedAt: epochMsSchema.optional(),
  statusHistory: z.array(caseStatusChangeSchema).min(1).max(500),
  slaOutcome: caseSlaOutcomeSchema.optional(),
  knowledgeArticleIds: z.array(idSchema).max(50).optional(),
  /** Linked articles the rep marked "this helped"; the knowledge base counts them. */
  helpfulArticleIds: z.array(idSchema).max(50).optional(),
});

export type Case = z.infer<typeof caseSchema>;

export const caseIndexes = [
  'updatedAt',
  'caseNumber',
  ['status', 'openedAt'],
  ['priority', 'openedAt'],
  ['accountId', 'openedAt'],
  ['ownerId', 'status'],
  ['assigneeId', 'status', 'openedAt'],
  ['teamId', 'status', 'openedAt'],
] as const;
