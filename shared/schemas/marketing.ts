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
} from './primitives';

export const CAMPAIGN_TYPES = ['email', 'event', 'webinar', 'trade_show', 'direct_mail', 'advertising'] as const;
export const CAMPAIGN_STATUSES = ['planned', 'active', 'completed', 'aborted'] as const;
export const CAMPAIGN_MEMBER_STATUSES = ['sent', 'opened', 'responded', 'attended', 'converted'] as const;

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
  })
  .refine((m) => (m.contactId === undefined) !== (m.leadId === undefined), {
    message: 'a campaign member is either a contact or a lead',
    path: ['contactId'],
  });
export type CampaignMember = z.infer<typeof campaignMemberSchema>;

export const marketingSchemas = { campaign: campaignSchema, campaign_member: campaignMemberSchema } as const;
export type MarketingDoc = Campaign | CampaignMember;

export const marketingIndexes = [
  'updatedAt',
  ['kind', 'startDate'],
  ['kind', 'name'],
  ['campaignId', 'status'],
  ['contactId', 'campaignId'],
] as const;
