import { z } from 'zod';
import { ACCOUNT_TIERS } from './accounts';
import { CASE_PRIORITIES } from './cases';
import { baseDocumentShape, epochMsSchema, idSchema, isoDateSchema, labelSchema, shortLabelSchema } from './primitives';

export const ARTICLE_STATUSES = ['draft', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
export const ARTICLE_LANGUAGES = ['en', 'zh-CN'] as const;

/** A knowledge-base article reps open offline at a customer site; `body` is Markdown. */
export const knowledgeArticleSchema = z.object({
  ...baseDocumentShape,
  kind: z.literal('knowledge_article'),
  title: labelSchema.min(1, 'an article needs a title'),
  summary: z.string().max(1000).optional(),
  body: z.string().max(200_000),
  category: shortLabelSchema.optional(),
  language: z.enum(ARTICLE_LANGUAGES),
  status: z.enum(ARTICLE_STATUSES),
  /** Starts at 1; the core adds one on every saved edit. */
  articleVersion: z.int().min(1).max(1_000_000),
  publishedAt: epochMsSchema.optional(),
  tags: z.array(shortLabelSchema).max(50).optional(),
  viewCount: z.int().min(0).max(1_000_000_000).optional(),
});
export type KnowledgeArticle = z.infer<typeof knowledgeArticleSchema>;

const clockTimeSchema = z
  .string()
  .max(5)
  .regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'must be a time like 09:00');

/** One stretch of working time on a weekday, in the calendar's own time zone ("24:00" ends at midnight). */
export const workingHoursSchema = z
  .object({ start: clockTimeSchema, end: clockTimeSchema })
  .refine((h) => h.start < h.end, { message: 'working hours must end after they start', path: ['end'] });

/**
 * When the SLA clock runs: working hours per weekday (index 0 = Monday … 6 = Sunday), holidays,
 * and the IANA time zone both are read in, so "9 to 5 in Shanghai" stays that across DST changes
 * wherever the rep's laptop is.
 */
export const businessCalendarSchema = z.object({
  ...baseDocumentShape,
  kind: z.literal('business_calendar'),
  name: labelSchema.min(1, 'a calendar needs a name'),
  timeZone: z.string().min(1).max(64),
  week: z.array(z.array(workingHoursSchema).max(4)).length(7),
  holidays: z.array(z.object({ date: isoDateSchema, name: shortLabelSchema.optional() })).max(400),
});
export type BusinessCalendar = z.infer<typeof businessCalendarSchema>;

/**
 * First-response and resolution targets in business minutes for cases of one priority (and,
 * when `tier` is set, only for accounts of that tier, which wins over a policy without a tier).
 */
export const slaPolicySchema = z.object({
  ...baseDocumentShape,
  kind: z.literal('sla_policy'),
  name: labelSchema.min(1, 'a policy needs a name'),
  priority: z.enum(CASE_PRIORITIES),
  tier: z.enum(ACCOUNT_TIERS).optional(),
  calendarId: idSchema,
  firstResponseMinutes: z.int().min(1).max(1_000_000),
  resolutionMinutes: z.int().min(1).max(1_000_000),
  /** A clock is "at risk" once this share of its target has elapsed. */
  atRiskPercent: z.int().min(1).max(99),
  /** A resolved or closed case may be reopened for this many days after its resolution. */
  reopenWindowDays: z.int().min(0).max(365),
  active: z.boolean(),
});
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

/** Service reference data: read by everyone, written by managers (server/sync/collections.ts). */
export const knowledgeSchemas = {
  knowledge_article: knowledgeArticleSchema,
  business_calendar: businessCalendarSchema,
  sla_policy: slaPolicySchema,
} as const;
export type KnowledgeDoc = KnowledgeArticle | BusinessCalendar | SlaPolicy;

export const knowledgeIndexes = [
  'updatedAt',
  ['kind', 'updatedAt'],
  ['kind', 'status', 'category', 'title'],
  ['kind', 'priority'],
] as const;
