import { z } from 'zod';
// Campaign documents use the same primitives as deals (money, dates, labels).
import {
  textSchema,
  nonNegativeMoneySchema,
  labelSchema,
  isoDateSchema,
  idSchema,
  epochMsSchema,
  currencySchema,
  baseDocumentShape,
  emailSchema,
} from './primitives';
import { SEGMENT_MAX_NODES, SEGMENT_TARGETS, segmentDefinitionSchema, type SegmentDefinition } from '../marketing/segment-conditions';

export const CAMPAIGN_TYPES = ['email', 'event', 'webinar', 'trade_show', 'direct_mail', 'advertising'] as const;
export const CAMPAIGN_STATUSES = ['planned', 'active', 'completed', 'aborted'] as const;
/**
 * A member's furthest stage in the funnel (targeted → sent → opened → responded → attended →
 * converted), or the delivery result that stopped it: `bounced` (the receiving server refused the
 * address) and `failed` (sending gave up after its retries), both with `deliveryError`.
 */
export const CAMPAIGN_MEMBER_STATUSES = ['targeted', 'sent', 'opened', 'responded', 'attended', 'converted', 'bounced', 'failed'] as const;
export type CampaignMemberStatus = (typeof CAMPAIGN_MEMBER_STATUSES)[number];
/** The statuses that are stages of the funnel, in order. */
export const CAMPAIGN_FUNNEL_STATUSES = ['targeted', 'sent', 'opened', 'responded', 'attended', 'converted'] as const;

export const campaignSchema = z.object({
  ...baseDocumentShape,
  kind: z.literal('campaign'),
  name: labelSchema.min(1, 'a campaign needs a name'),
  type: z.enum(CAMPAIGN_TYPES),
  status: z.enum(CAMPAIGN_STATUSES),
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  currency: currencySchema,
  /** Minor units; ROI compares these with won opportunities that carry this campaignId. */
  budget: nonNegativeMoneySchema,
  actualCost: nonNegativeMoneySchema,
  expectedRevenue: nonNegativeMoneySchema.optional(),
  description: textSchema.optional(),
  /** The saved segment the campaign's members were last added from. */
  segmentId: idSchema.optional(),
});
export type Campaign = z.infer<typeof campaignSchema>;

/** Membership of a contact or a lead in a campaign (exactly one of the two). */
export const campaignMemberSchema = z
  .object({
    ...baseDocumentShape,
    kind: z.literal('campaign_member'),
    campaignId: idSchema,
    contactId: idSchema.optional(),
    leadId: idSchema.optional(),
    accountId: idSchema.optional(),
    status: z.enum(CAMPAIGN_MEMBER_STATUSES),
    respondedAt: epochMsSchema.optional(),
    /** When the campaign e-mail reached the member's mail server (written by the sync server). */
    sentAt: epochMsSchema.optional(),
    /** Why delivery bounced or failed, in the receiving server's words (written by the sync server). */
    deliveryError: textSchema.optional(),
    /** The outbox message that last went to this member. */
    messageId: idSchema.optional(),
  })
  .refine((m) => (m.contactId === undefined) !== (m.leadId === undefined), {
    message: 'a campaign member is either a contact or a lead',
    path: ['contactId'],
  });
export type CampaignMember = z.infer<typeof campaignMemberSchema>;

/**
 * A saved segment: a condition tree over accounts, contacts or leads (shared/marketing/segment-conditions.ts).
 * The stored JSON shape is checked loosely here and precisely by `segmentDefinitionSchema`.
 */
export const segmentSchema = z
  .object({
    ...baseDocumentShape,
    kind: z.literal('segment'),
    name: labelSchema.min(1, 'a segment needs a name'),
    description: textSchema.optional(),
    definition: z.object({
      target: z.enum(SEGMENT_TARGETS),
      root: z.object({ op: z.enum(['and', 'or']), items: z.array(z.record(z.string(), z.unknown())).max(SEGMENT_MAX_NODES) }),
    }),
  })
  .superRefine((doc, ctx) => {
    const parsed = segmentDefinitionSchema.safeParse(doc.definition);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', message: issue.message, path: ['definition', ...issue.path] });
    }
  });
export type Segment = Omit<z.infer<typeof segmentSchema>, 'definition'> & { definition: SegmentDefinition };

export const TEMPLATE_LANGUAGES = ['en', 'zh-CN'] as const;
export const TEMPLATE_FORMATS = ['text', 'markdown'] as const;

/** An e-mail template with merge fields (shared/marketing/merge-fields.ts); `body` is plain text or Markdown. */
export const emailTemplateSchema = z.object({
  ...baseDocumentShape,
  kind: z.literal('email_template'),
  name: labelSchema.min(1, 'a template needs a name'),
  language: z.enum(TEMPLATE_LANGUAGES),
  format: z.enum(TEMPLATE_FORMATS),
  subject: z.string().max(998, 'a subject line is at most 998 characters'),
  body: z.string().max(100_000),
  archived: z.boolean().optional(),
});
export type EmailTemplate = z.infer<typeof emailTemplateSchema>;

/**
 * Where an outbox message is. The app writes `queued` (or `cancelled` while still queued); the sync
 * server moves it to `sending`, then `sent`, `bounced` (the recipient's server refused it),
 * `failed` (retries exhausted) or `suppressed` (the contact had opted out by the time it was sent).
 */
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'bounced', 'failed', 'suppressed', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * One e-mail to one recipient, rendered on the laptop (merge fields filled, so the rep sees what goes
 * out) and sent by the sync server. The unsubscribe link in `text` and `html` is the placeholder
 * `UNSUBSCRIBE_PLACEHOLDER_URL`; the server swaps in the real link for the recipient when it sends.
 * Campaign messages name their campaign and member; one-to-one follow-ups name the contact and
 * the deal they are about and show on those timelines.
 */
export const outboxMessageSchema = z.object({
  ...baseDocumentShape,
  kind: z.literal('outbox_message'),
  to: emailSchema,
  toName: labelSchema.optional(),
  contactId: idSchema.optional(),
  leadId: idSchema.optional(),
  accountId: idSchema.optional(),
  opportunityId: idSchema.optional(),
  campaignId: idSchema.optional(),
  memberId: idSchema.optional(),
  templateId: idSchema.optional(),
  language: z.enum(TEMPLATE_LANGUAGES),
  subject: z.string().max(998),
  text: z.string().max(200_000),
  html: z.string().max(400_000),
  status: z.enum(OUTBOX_STATUSES),
  queuedAt: epochMsSchema,
  /** Delivery attempts the server made (retries back off). */
  attempts: z.int().min(0).max(1000),
  sentAt: epochMsSchema.optional(),
  /** The receiving server's words for a bounce or the last failure. */
  error: textSchema.optional(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

/** The link an unrendered message carries where the recipient's own unsubscribe link goes. */
export const UNSUBSCRIBE_PLACEHOLDER_URL = 'https://unsubscribe.invalid/link';

export const marketingSchemas = {
  campaign: campaignSchema,
  campaign_member: campaignMemberSchema,
  segment: segmentSchema,
  email_template: emailTemplateSchema,
  outbox_message: outboxMessageSchema,
} as const;
export type MarketingDoc = Campaign | CampaignMember | Segment | EmailTemplate | OutboxMessage;

export const marketingIndexes = [
  'updatedAt',
  ['kind', 'startDate'],
  ['kind', 'name'],
  ['campaignId', 'status'],
  ['contactId', 'campaignId'],
  ['kind', 'status', 'queuedAt'],
  ['kind', 'updatedAt'],
] as const;
