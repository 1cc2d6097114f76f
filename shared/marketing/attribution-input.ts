import type { Campaign, CampaignMember } from '../schemas/marketing';
import type { Lead } from '../schemas/leads';
import type { Opportunity } from '../schemas/opportunities';
import type { AttributionDeal, AttributionInput, CampaignResponse } from './attribution';

/** Member statuses that mean the member responded; earlier ones (sent, opened) are no response. */
const RESPONDED_STATUSES: ReadonlySet<CampaignMember['status']> = new Set(['responded', 'attended', 'converted']);

export type AttributionSources = {
  readonly campaigns: ReadonlyArray<Pick<Campaign, 'id' | 'currency'>>;
  readonly opportunities: ReadonlyArray<
    Pick<Opportunity, 'id' | 'stage' | 'amount' | 'currency' | 'createdAt' | 'closedAt' | 'closeDate' | 'primaryContactId' | 'campaignId'>
  >;
  readonly leads: ReadonlyArray<Pick<Lead, 'id' | 'createdAt' | 'campaignId' | 'convertedContactId' | 'convertedOpportunityId'>>;
  readonly members: ReadonlyArray<Pick<CampaignMember, 'campaignId' | 'contactId' | 'leadId' | 'status' | 'respondedAt'>>;
};

export type BuiltAttributionInput = {
  readonly input: AttributionInput;
  /**
   * Members whose status says they responded (responded, attended, converted) but with no `respondedAt`:
   * they cannot be placed before or after a close, so they are not touches.
   */
  readonly untimedMembers: number;
  /** Responses and source links naming a campaign missing from `campaigns` (deleted or out of scope), left out. */
  readonly unknownCampaignRefs: number;
};

/**
 * Builds `attributeRevenue` input from stored documents:
 * - won deals are the `closed_won` opportunities; the close is `closedAt`, or the end (UTC) of
 *   `closeDate` when the stage change time was not recorded;
 * - a deal's people are its primary contact plus every lead converted into it and that lead's contact;
 * - a deal's `campaignId` is its explicit source campaign;
 * - responses are the campaign members with a `respondedAt`, plus, for a lead that names a source
 *   campaign, a response at the lead's creation (being captured by a campaign is responding to it).
 */
export function buildAttributionInput(sources: AttributionSources): BuiltAttributionInput {
  const known = new Set(sources.campaigns.map((c) => c.id));
  let unknownCampaignRefs = 0;
  const isKnown = (campaignId: string): boolean => {
    if (known.has(campaignId)) return true;
    unknownCampaignRefs += 1;
    return false;
  };

  const leadsByDeal = new Map<string, Array<AttributionSources['leads'][number]>>();
  for (const lead of sources.leads) {
    if (lead.convertedOpportunityId === undefined) continue;
    const list = leadsByDeal.get(lead.convertedOpportunityId);
    if (list) list.push(lead);
    else leadsByDeal.set(lead.convertedOpportunityId, [lead]);
  }

  const deals: AttributionDeal[] = [];
  for (const opp of sources.opportunities) {
    if (opp.stage !== 'closed_won') continue;
    const converted = leadsByDeal.get(opp.id) ?? [];
    const contactIds = new Set<string>();
    if (opp.primaryContactId !== undefined) contactIds.add(opp.primaryContactId);
    for (const lead of converted) if (lead.convertedContactId !== undefined) contactIds.add(lead.convertedContactId);
    deals.push({
      id: opp.id,
      amount: opp.amount,
      currency: opp.currency,
      createdAt: opp.createdAt,
      closedAt: opp.closedAt ?? endOfDayUtc(opp.closeDate),
      contactIds: [...contactIds],
      leadIds: converted.map((l) => l.id),
      ...(opp.campaignId !== undefined && isKnown(opp.campaignId) ? { sourceCampaignId: opp.campaignId } : {}),
    });
  }

  const responses: CampaignResponse[] = [];
  let untimedMembers = 0;
  for (const m of sources.members) {
    if (m.respondedAt === undefined) {
      if (RESPONDED_STATUSES.has(m.status)) untimedMembers += 1;
      continue;
    }
    if (!isKnown(m.campaignId)) continue;
    if (m.contactId !== undefined) responses.push({ campaignId: m.campaignId, contactId: m.contactId, respondedAt: m.respondedAt });
    else if (m.leadId !== undefined) responses.push({ campaignId: m.campaignId, leadId: m.leadId, respondedAt: m.respondedAt });
  }
  for (const lead of sources.leads) {
    if (lead.campaignId !== undefined && isKnown(lead.campaignId)) {
      responses.push({ campaignId: lead.campaignId, leadId: lead.id, respondedAt: lead.createdAt });
    }
  }

  return {
    input: { campaigns: sources.campaigns.map((c) => ({ id: c.id, currency: c.currency })), deals, responses },
    untimedMembers,
    unknownCampaignRefs,
  };
}

function endOfDayUtc(isoDate: string): number {
  const t = Date.parse(`${isoDate}T23:59:59.999Z`);
  if (!Number.isFinite(t)) throw new Error(`Attribution: close date "${isoDate}" is not a date like 2025-03-31`);
  return t;
}
