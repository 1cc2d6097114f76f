import { z } from 'zod';
import { ATTRIBUTION_MODELS, type AttributionModel } from '../../marketing/attribution';
import type { FunnelStage } from '../../marketing/campaign-figures';
import type { SegmentTarget } from '../../marketing/segment-conditions';
import { CAMPAIGN_TYPES, type Campaign } from '../../schemas/marketing';
import { currencySchema, idSchema } from '../../schemas/primitives';
import { request } from '../define-request';

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month looks like 2025-06');

/**
 * Same shape and behaviour as the sales and service dashboards' filters: absent fields mean "all".
 * The period chooses the campaigns that ran in it (start to end overlaps the months) and the months
 * of the lead chart; a campaign's money figures are its whole life's (its cost and what its deals
 * brought in), so a campaign's ROI does not change with the period.
 */
export const marketingDashboardFiltersSchema = z.strictObject({
  /** The campaign's owner and team; for leads, the lead's. */
  ownerId: idSchema.optional(),
  teamId: idSchema.optional(),
  campaignType: z.enum(CAMPAIGN_TYPES).optional(),
  /** Inclusive month bounds; default: the twelve months up to the running one. */
  from: monthSchema.optional(),
  to: monthSchema.optional(),
  /** Money is never converted: the key figures are in one currency, the most used one by default. */
  currency: currencySchema.optional(),
  /** Which attribution model the revenue and ROI figures use (every model's ROI is in `roiByModel` too). */
  model: z.enum(ATTRIBUTION_MODELS).optional(),
});
export type MarketingDashboardFilters = z.input<typeof marketingDashboardFiltersSchema>;

/** The attribution model used when the filters name none. */
export const DEFAULT_ATTRIBUTION_MODEL: AttributionModel = 'last_touch';

/** Money figures of a set of campaigns in one currency (minor units). */
export type CurrencyTotals = {
  readonly currency: string;
  readonly campaigns: number;
  readonly budget: number;
  readonly actualCost: number;
  /** Attributed revenue under the chosen model. */
  readonly revenue: number;
  /** (revenue − cost) / cost; null when nothing was spent. */
  readonly roi: number | null;
  /** Won deals attributed (fractional under even split). */
  readonly wonDeals: number;
  readonly leads: number;
  /** Cost / leads in minor units; null without leads. */
  readonly costPerLead: number | null;
};

export type ModelRoi = { readonly revenue: number; readonly roi: number | null };

export type CampaignRow = Pick<
  Campaign,
  'id' | 'name' | 'type' | 'status' | 'startDate' | 'endDate' | 'currency' | 'budget' | 'actualCost'
> & {
  readonly revenue: number;
  readonly roi: number | null;
  readonly wonDeals: number;
  readonly leads: number;
  readonly costPerLead: number | null;
  readonly costPerWonDeal: number | null;
  readonly members: number;
  readonly byModel: Readonly<Record<AttributionModel, ModelRoi>>;
};

/** One campaign type in one currency: its cost and, under every model, its revenue and ROI. */
export type TypeRow = {
  readonly type: Campaign['type'];
  readonly currency: string;
  readonly campaigns: number;
  readonly actualCost: number;
  readonly byModel: Readonly<Record<AttributionModel, ModelRoi>>;
};

export type SegmentSize = { readonly id: string; readonly name: string; readonly target: SegmentTarget; readonly count: number };

export type MarketingDashboard = {
  readonly asOf: string;
  readonly model: AttributionModel;
  /** The currency of the key figures and of the currency-bound charts. */
  readonly currency: string;
  /** Currencies of the filtered campaigns, most campaigns first. */
  readonly currencies: ReadonlyArray<string>;
  readonly totals: CurrencyTotals & { readonly members: number };
  /** The same figures for each currency, never added across them. */
  readonly totalsByCurrency: ReadonlyArray<CurrencyTotals>;
  /** Every filtered campaign (all currencies), latest start first. */
  readonly campaigns: ReadonlyArray<CampaignRow>;
  readonly roiByType: ReadonlyArray<TypeRow>;
  /** Leads created per month of the period: with a source campaign, and without one. */
  readonly leadsByMonth: ReadonlyArray<{ readonly month: string; readonly campaign: number; readonly noCampaign: number }>;
  /** Members of the filtered campaigns that reached each stage. */
  readonly funnel: ReadonlyArray<{ readonly stage: FunnelStage; readonly count: number }>;
  /** Saved segments with their current counts; `unavailable` while segment counting is not part of this build. */
  readonly segments: { readonly status: 'ready' | 'unavailable'; readonly rows: ReadonlyArray<SegmentSize> };
  /** What attribution had to leave out, so the figures can be read with it in mind. */
  readonly notes: {
    /** Responded members without a response time: not placed before or after a close. */
    readonly untimedMembers: number;
    /** Deals in another currency than a campaign they touched (not converted, not credited). */
    readonly skippedDeals: number;
  };
};

export const marketingDashboardRequests = {
  'marketing.dashboard': request(z.strictObject({ filters: marketingDashboardFiltersSchema })).returns<MarketingDashboard>(),
} as const;
