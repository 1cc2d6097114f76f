import { z } from 'zod';
import { CASE_CHANNELS, CASE_PRIORITIES, CASE_STATUSES, caseSchema, type Case, type CaseStatus } from '../../schemas/cases';
import type { AccountTier } from '../../schemas/accounts';
import { idSchema } from '../../schemas/primitives';
import type { SurveyResponse } from '../../schemas/surveys';
import type { CaseSla } from '../../service/sla-state';
import { request } from '../define-request';
import { anyOf, CORE_OWNED_FIELDS, sortDirectionSchema, windowShape, type ListWindow, type Stored } from '../paging';

/**
 * Queue views of the case list. `mine`: open cases assigned to the current user;
 * `team_unassigned`: open cases of the user's team nobody is assigned to; `breaching`: open cases
 * whose SLA is breached or due within 24 hours (sorted by due time); `escalated`, `waiting`
 * (pending customer); `open`: every open case; `all`: every case including resolved and closed.
 * "Open" means not resolved and not closed.
 */
export const CASE_QUEUES = ['mine', 'team_unassigned', 'breaching', 'escalated', 'waiting', 'open', 'all'] as const;
export type CaseQueue = (typeof CASE_QUEUES)[number];

/** A case as lists and pages show it: with its SLA at the time of the answer and display names. */
export type CaseRecord = Stored<Case> & {
  readonly sla: CaseSla;
  readonly accountName: string;
  readonly contactName: string | null;
  readonly assigneeName: string | null;
  /** Assigned to the current user. */
  readonly mine: boolean;
};

export const CASE_SORT_FIELDS = ['openedAt', 'updatedAt', 'priority', 'caseNumber'] as const;

export const caseListParamsSchema = z.strictObject({
  queue: z.enum(CASE_QUEUES).default('open'),
  filter: z
    .strictObject({
      status: anyOf(z.enum(CASE_STATUSES)),
      priority: anyOf(z.enum(CASE_PRIORITIES)),
      channel: anyOf(z.enum(CASE_CHANNELS)),
      category: anyOf(z.string().max(80)),
      assigneeId: anyOf(idSchema),
      accountId: idSchema.optional(),
    })
    .default({}),
  /** Ignored by the `breaching` queue, which is always soonest due first. */
  sort: z
    .strictObject({ field: z.enum(CASE_SORT_FIELDS), direction: sortDirectionSchema })
    .default({ field: 'openedAt', direction: 'desc' }),
  ...windowShape,
});
export type CaseListParams = z.input<typeof caseListParamsSchema>;

/** One line of a case's timeline, newest first. */
export type CaseTimelineItem =
  | { readonly kind: 'status'; readonly at: number; readonly status: CaseStatus; readonly from: CaseStatus | null; readonly byName: string }
  | {
      readonly kind: 'activity';
      readonly at: number;
      readonly id: string;
      readonly type: string;
      readonly subject: string;
      readonly byName: string;
    }
  | {
      readonly kind: 'survey';
      readonly at: number;
      readonly id: string;
      readonly survey: SurveyResponse['survey'];
      readonly score: number;
      readonly comment?: string;
    };

export type CaseDetail = CaseRecord & {
  readonly accountTier: AccountTier | null;
  readonly timeline: ReadonlyArray<CaseTimelineItem>;
  readonly articles: ReadonlyArray<{ readonly id: string; readonly title: string; readonly helpful: boolean }>;
  readonly surveys: ReadonlyArray<SurveyResponse>;
  /** Moves the workflow allows now (shared/service/case-workflow.ts), reopen window included. */
  readonly allowedTransitions: ReadonlyArray<CaseStatus>;
  /** Team members a case may be assigned to. */
  readonly assignees: ReadonlyArray<{ readonly id: string; readonly name: string }>;
};

/** What a rep fills in; number, team, timestamps and history are the core's. */
export const caseValuesSchema = caseSchema
  .pick({
    accountId: true,
    contactId: true,
    visitId: true,
    subject: true,
    description: true,
    priority: true,
    channel: true,
    category: true,
  })
  .extend({
    /** Absent: the creator; null: the team's unassigned queue. */
    assigneeId: idSchema.nullable().optional(),
  });
export type CaseValues = z.infer<typeof caseValuesSchema>;

export const CASE_CLEARABLE_FIELDS = ['contactId', 'description', 'category'] as const;
export const casePatchSchema = caseSchema
  .omit(CORE_OWNED_FIELDS)
  .pick({ subject: true, description: true, priority: true, channel: true, category: true, contactId: true })
  .partial();

export type CaseQueueCounts = { readonly [Q in CaseQueue]: number };

const revisionSchema = z.string().min(1).max(100).optional();

export const casesRequests = {
  'cases.list': request(caseListParamsSchema).returns<ListWindow<Case> & { readonly rows: ReadonlyArray<CaseRecord> }>(),
  /** How many cases each queue holds (the queue tabs' badges). */
  'cases.queueCounts': request(z.strictObject({})).returns<CaseQueueCounts>(),
  'cases.get': request(z.strictObject({ id: idSchema })).returns<CaseDetail>(),
  /** Open cases of one account with SLA state, for the account page and a visit. */
  'cases.forAccount': request(z.strictObject({ accountId: idSchema, limit: z.int().min(1).max(50).default(10) })).returns<{
    readonly rows: ReadonlyArray<CaseRecord>;
    readonly openCount: number;
  }>(),
  'cases.create': request(z.strictObject({ values: z.strictObject(caseValuesSchema.shape) })).returns<CaseRecord>(),
  'cases.update': request(
    z.strictObject({
      id: idSchema,
      patch: z.strictObject(casePatchSchema.shape),
      unset: z.array(z.enum(CASE_CLEARABLE_FIELDS)).max(CASE_CLEARABLE_FIELDS.length).optional(),
      expectedRevision: revisionSchema,
    }),
  ).returns<CaseRecord>(),
  /**
   * One workflow move. A refused move fails with `invalid_state`, a message saying why in words
   * (same status, a move the workflow does not have, reopen window passed), and writes nothing.
   */
  'cases.transition': request(
    z.strictObject({ id: idSchema, status: z.enum(CASE_STATUSES), expectedRevision: revisionSchema }),
  ).returns<CaseRecord>(),
  /** null: back to the team's unassigned queue. */
  'cases.assign': request(
    z.strictObject({ id: idSchema, assigneeId: idSchema.nullable(), expectedRevision: revisionSchema }),
  ).returns<CaseRecord>(),
  'cases.linkArticle': request(z.strictObject({ id: idSchema, articleId: idSchema, linked: z.boolean() })).returns<CaseRecord>(),
  /** "This helped": only a linked article can be marked; the knowledge base counts the marks. */
  'cases.markHelpful': request(z.strictObject({ id: idSchema, articleId: idSchema, helpful: z.boolean() })).returns<CaseRecord>(),
} as const;
