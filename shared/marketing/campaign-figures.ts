import { CAMPAIGN_FUNNEL_STATUSES, type CampaignMember, type CampaignMemberStatus } from '../schemas/marketing';
import type { AttributedRevenue } from './attribution';

/** The member funnel's stages in order; every member of a campaign was targeted, so the first counts all. */
export const FUNNEL_STAGES = CAMPAIGN_FUNNEL_STATUSES;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export type FigureCampaign = { readonly id: string; readonly currency: string; readonly actualCost: number };
export type FigureMember = Pick<CampaignMember, 'status' | 'contactId' | 'leadId'>;

export type CampaignFigures = {
  /** Attributed revenue in minor units of the campaign currency (0 when nothing was attributed). */
  readonly revenue: number;
  /** Won deals attributed; fractional under even split. */
  readonly wonDeals: number;
  /**
   * (revenue − actual cost) / actual cost, a ratio (0.5 = 50 % return). Null when the actual cost is 0:
   * the ratio is then undefined (any revenue would be an infinite return, none would be 0/0), and
   * showing "no cost recorded" is more honest than a number.
   */
  readonly roi: number | null;
  /** Distinct leads the campaign produced (see `campaignFigures`). */
  readonly leads: number;
  /** Actual cost / leads, rounded to a whole minor unit; null when there are no leads. */
  readonly costPerLead: number | null;
  /** Actual cost / attributed won deals, rounded to a whole minor unit; null when none were won. */
  readonly costPerWonDeal: number | null;
  /** Members that reached each stage, in `FUNNEL_STAGES` order. */
  readonly funnel: ReadonlyArray<{ readonly stage: FunnelStage; readonly count: number }>;
};

/** A bounced or failed delivery never reached the member, so such a member counts as targeted only. */
const STAGE_RANK: Readonly<Record<CampaignMemberStatus, number>> = {
  ...(Object.fromEntries(FUNNEL_STAGES.map((s, i) => [s, i])) as Record<FunnelStage, number>),
  bounced: 0,
  failed: 0,
};

/**
 * ROI, cost per lead, cost per won deal and the member funnel of one campaign.
 *
 * - `attributed` is the campaign's entry from `attributeRevenue` under the model being shown; undefined
 *   means nothing was attributed. Its currency must be the campaign's (money is never mixed).
 * - Leads: the distinct lead ids among the members (a lead member is a lead the campaign reached or
 *   captured), together with `capturedLeadIds`, the leads that name this campaign as their source
 *   without being members. Contact members are existing customers' people, not new leads, so they do
 *   not count.
 * - Funnel: a member's status is the furthest stage it reached, and reaching a stage implies the ones
 *   before it (a converted member was also sent, opened, responded and attended). So each stage counts
 *   the members whose status is that stage or a later one, and the counts never increase along the
 *   funnel.
 */
export function campaignFigures(
  campaign: FigureCampaign,
  members: ReadonlyArray<FigureMember>,
  attributed: AttributedRevenue | undefined,
  capturedLeadIds: Iterable<string> = [],
): CampaignFigures {
  if (!Number.isSafeInteger(campaign.actualCost) || campaign.actualCost < 0) {
    throw new Error(`Campaign ${campaign.id}: actual cost ${campaign.actualCost} is not a whole non-negative number of minor units`);
  }
  if (attributed && attributed.currency !== campaign.currency) {
    throw new Error(`Campaign ${campaign.id}: attributed revenue is in ${attributed.currency}, the campaign in ${campaign.currency}`);
  }
  const cost = campaign.actualCost;
  const revenue = attributed?.revenue ?? 0;
  const wonDeals = attributed?.deals ?? 0;

  const leadIds = new Set(capturedLeadIds);
  const reached = new Array<number>(FUNNEL_STAGES.length).fill(0);
  for (const m of members) {
    if (m.leadId !== undefined) leadIds.add(m.leadId);
    const rank = STAGE_RANK[m.status];
    if (rank === undefined) throw new Error(`Campaign ${campaign.id}: unknown member status "${String(m.status)}"`);
    // Count the member at its own stage; the running sum below adds it to every earlier stage, so
    // "targeted" (rank 0) ends up counting all members.
    reached[rank]! += 1;
  }
  for (let i = reached.length - 2; i >= 0; i--) reached[i]! += reached[i + 1]!;

  return {
    revenue,
    wonDeals,
    roi: cost === 0 ? null : (revenue - cost) / cost,
    leads: leadIds.size,
    costPerLead: leadIds.size === 0 ? null : Math.round(cost / leadIds.size),
    costPerWonDeal: wonDeals === 0 ? null : Math.round(cost / wonDeals),
    funnel: FUNNEL_STAGES.map((stage, i) => ({ stage, count: reached[i]! })),
  };
}
