import { z } from 'zod';
import {
  baseDocumentShape,
  currencySchema,
  epochMsSchema,
  idSchema,
  isoDateSchema,
  labelSchema,
  nonNegativeMoneySchema,
  percentSchema,
  shortLabelSchema,
  textSchema,
  wholePercentSchema,
} from './primitives';
import { sumLineItems } from './money';

export const OPPORTUNITY_STAGES = [
  'prospecting',
  'qualification',
  'needs_analysis',
  'proposal',
  'negotiation',
  'closed_won',
  'closed_lost',
] as const;
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number];
export const FORECAST_CATEGORIES = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];

/** Default probability and forecast category per stage; a rep may override both on the record. */
export const STAGE_DEFAULTS: Readonly<Record<OpportunityStage, { probability: number; forecastCategory: ForecastCategory }>> = {
  prospecting: { probability: 10, forecastCategory: 'pipeline' },
  qualification: { probability: 20, forecastCategory: 'pipeline' },
  needs_analysis: { probability: 40, forecastCategory: 'pipeline' },
  proposal: { probability: 60, forecastCategory: 'best_case' },
  negotiation: { probability: 80, forecastCategory: 'commit' },
  closed_won: { probability: 100, forecastCategory: 'closed' },
  closed_lost: { probability: 0, forecastCategory: 'omitted' },
};

/** Line items are embedded: they are edited together with the deal and never queried on their own. */
export const opportunityLineItemSchema = z.object({
  id: z.string().min(1).max(64),
  productId: z.string().min(1).max(64),
  productName: shortLabelSchema.optional(),
  quantity: z.number().min(0).max(1_000_000),
  /** Minor units of the opportunity's currency. */
  unitPrice: nonNegativeMoneySchema,
  discountPercent: percentSchema,
});
export type OpportunityLineItem = z.infer<typeof opportunityLineItemSchema>;

export const stageChangeSchema = z.object({
  stage: z.enum(OPPORTUNITY_STAGES),
  at: epochMsSchema,
  byUserId: z.string().max(64).optional(),
});
export type StageChange = z.infer<typeof stageChangeSchema>;

export const opportunitySchema = z
  .object({
    ...baseDocumentShape,
    accountId: idSchema,
    primaryContactId: idSchema.optional(),
    name: labelSchema.min(1, 'an opportunity needs a name'),
    stage: z.enum(OPPORTUNITY_STAGES),
    /** Minor units of `currency`; equals the line items' total whenever there are line items. */
    amount: nonNegativeMoneySchema,
    currency: currencySchema,
    probability: wholePercentSchema,
    forecastCategory: z.enum(FORECAST_CATEGORIES),
    closeDate: isoDateSchema,
    closedAt: epochMsSchema.optional(),
    lossReason: shortLabelSchema.optional(),
    leadSource: shortLabelSchema.optional(),
    campaignId: idSchema.optional(),
    nextStep: z.string().max(500).optional(),
    notes: textSchema.optional(),
    lineItems: z.array(opportunityLineItemSchema).max(500),
    stageHistory: z.array(stageChangeSchema).max(200),
  })
  .superRefine((opp, ctx) => {
    if (opp.lineItems.length > 0 && sumLineItems(opp.lineItems) !== opp.amount) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'must equal the total of the line items' });
    }
  });

export type Opportunity = z.infer<typeof opportunitySchema>;

export const opportunityIndexes = [
  'updatedAt',
  'name',
  'closeDate',
  'amount',
  ['accountId', 'closeDate'],
  ['ownerId', 'closeDate'],
  ['teamId', 'closeDate'],
  ['stage', 'closeDate'],
  ['forecastCategory', 'closeDate'],
] as const;
