/**
 * Revenue attribution: which campaigns a won deal's revenue is credited to.
 *
 * The rules, in order:
 * 1. Touches. A deal is touched by a campaign when one of the deal's linked contacts or leads
 *    responded to that campaign at or before the deal's close (`respondedAt <= closedAt`). A response
 *    after the close cannot have influenced the decision and is ignored. A deal's explicit source
 *    campaign is one more touch, placed at the deal's creation; a deal recorded after it closed (an
 *    imported won deal) has its source touch placed at the close, so the explicit source still counts.
 * 2. Models. `first_touch` credits the whole amount to the earliest touch, `last_touch` to the latest
 *    touch; both break a tie of equal times by the smaller campaign id, so results never depend on input
 *    order. `even_split` divides the amount equally over the DISTINCT campaigns that touched the deal:
 *    three responses to one campaign give it one share, like a single response, so a campaign that
 *    mails often does not outweigh one that reached the buyer once.
 * 3. Exact money. Amounts are integer minor units. An even split gives each campaign
 *    `floor(amount / n)` and hands the `amount mod n` leftover minor units one each to the campaigns
 *    first in campaign-id order (largest remainder with equal remainders, ties by id), so the shares
 *    always sum to the deal's amount and the same input always gives the same cents.
 * 4. Currencies are never added together. A campaign is credited only with deals in its own currency;
 *    a deal (or even-split share) in another currency is counted in that campaign's `skippedDeals` and
 *    its money is dropped, not converted and not handed to the other campaigns (which would inflate
 *    them). The deal counts of an even split are fractional (1/n per campaign).
 *
 * Times are plain numbers compared with each other only: epoch milliseconds in the app, day numbers in
 * the tests; deals and responses must use the same scale.
 */

export const ATTRIBUTION_MODELS = ['first_touch', 'last_touch', 'even_split'] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

/** A won deal as attribution needs it. */
export type AttributionDeal = {
  readonly id: string;
  /** Integer minor units of `currency`. */
  readonly amount: number;
  readonly currency: string;
  readonly createdAt: number;
  readonly closedAt: number;
  /** Contacts linked to the deal (primary contact, contacts of leads converted into it). */
  readonly contactIds: ReadonlyArray<string>;
  /** Leads converted into the deal; their responses from before the conversion count too. */
  readonly leadIds: ReadonlyArray<string>;
  /** The campaign the deal names as its source, if any. */
  readonly sourceCampaignId?: string;
};

/** One campaign response by a contact or a lead (exactly one of the two). */
export type CampaignResponse = {
  readonly campaignId: string;
  readonly contactId?: string;
  readonly leadId?: string;
  readonly respondedAt: number;
};

export type AttributionCampaign = { readonly id: string; readonly currency: string };

export type AttributionInput = {
  readonly campaigns: ReadonlyArray<AttributionCampaign>;
  readonly deals: ReadonlyArray<AttributionDeal>;
  readonly responses: ReadonlyArray<CampaignResponse>;
};

export type AttributedRevenue = {
  /** Integer minor units of `currency`. */
  readonly revenue: number;
  /** Deals credited; fractional under even split (a deal split three ways adds 1/3). */
  readonly deals: number;
  /** The campaign's currency: every credited deal is in it. */
  readonly currency: string;
  /** Whole deals that would have credited this campaign but are in another currency. */
  readonly skippedDeals: number;
};

type Touch = { readonly campaignId: string; readonly at: number };
type MutableAttribution = { revenue: number; deals: number; currency: string; skippedDeals: number };

/**
 * Credits each won deal's amount to campaigns under `model`. Every campaign of `input.campaigns` has an
 * entry (zero when nothing is credited); deals with no touch before their close credit nothing.
 * Throws on malformed input (an unknown campaign, a non-integer amount, a non-finite time), before
 * anything is computed.
 */
export function attributeRevenue(input: AttributionInput, model: AttributionModel): Map<string, AttributedRevenue> {
  if (!ATTRIBUTION_MODELS.includes(model)) throw new Error(`Attribution: unknown model "${String(model)}"`);
  return attributeUnder(input, [model])[model]!;
}

/**
 * `attributeRevenue` under every model at once: the input is checked, indexed and each deal's touches
 * found once, then credited under each model, so the results equal three separate calls.
 */
export function attributeRevenueByModel(input: AttributionInput): Record<AttributionModel, Map<string, AttributedRevenue>> {
  return attributeUnder(input, ATTRIBUTION_MODELS) as Record<AttributionModel, Map<string, AttributedRevenue>>;
}

function attributeUnder(
  input: AttributionInput,
  models: ReadonlyArray<AttributionModel>,
): Partial<Record<AttributionModel, Map<string, AttributedRevenue>>> {
  const results = models.map(() => new Map<string, MutableAttribution>());
  for (const c of input.campaigns) {
    if (results[0]!.has(c.id)) throw new Error(`Attribution: campaign ${c.id} is listed twice`);
    for (const result of results) result.set(c.id, { revenue: 0, deals: 0, currency: c.currency, skippedDeals: 0 });
  }
  validate(input, results[0]!);

  const byContact = indexResponses(input.responses, 'contactId');
  const byLead = indexResponses(input.responses, 'leadId');

  // In deal-id order: even-split deal counts are fractions, whose float sum would otherwise depend on the input order.
  for (const deal of [...input.deals].sort((a, b) => compareIds(a.id, b.id))) {
    const touches = dealTouches(deal, byContact, byLead);
    if (touches.length === 0) continue;
    models.forEach((model, m) => {
      const result = results[m]!;
      for (const [campaignId, share, dealShare] of creditsFor(deal.amount, touches, model)) {
        const entry = result.get(campaignId)!;
        if (entry.currency !== deal.currency) {
          entry.skippedDeals += 1;
          continue;
        }
        entry.revenue += share;
        entry.deals += dealShare;
      }
    });
  }
  return Object.fromEntries(models.map((model, m) => [model, results[m]!]));
}

/**
 * Splits `amount` minor units into `n` integer shares that sum exactly to `amount`: the first
 * `amount mod n` shares get one extra unit.
 */
export function splitEvenly(amount: number, n: number): number[] {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new Error(`Attribution: ${amount} is not a whole non-negative amount`);
  if (!Number.isInteger(n) || n < 1) throw new Error(`Attribution: cannot split into ${n} shares`);
  const base = Math.floor(amount / n);
  const leftover = amount - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < leftover ? 1 : 0));
}

function validate(input: AttributionInput, campaigns: ReadonlyMap<string, unknown>): void {
  const known = (id: string, what: string): void => {
    if (!campaigns.has(id)) throw new Error(`Attribution: ${what} names campaign ${id}, which is not in the campaign list`);
  };
  for (const d of input.deals) {
    if (!Number.isSafeInteger(d.amount) || d.amount < 0) {
      throw new Error(`Attribution: deal ${d.id} has amount ${d.amount}, not a whole non-negative number of minor units`);
    }
    if (!Number.isFinite(d.closedAt) || !Number.isFinite(d.createdAt)) throw new Error(`Attribution: deal ${d.id} has a non-numeric time`);
    if (d.sourceCampaignId !== undefined) known(d.sourceCampaignId, `deal ${d.id}`);
  }
  for (const r of input.responses) {
    if ((r.contactId === undefined) === (r.leadId === undefined)) {
      throw new Error(`Attribution: a response to campaign ${r.campaignId} must name exactly one contact or lead`);
    }
    if (!Number.isFinite(r.respondedAt)) throw new Error(`Attribution: a response to campaign ${r.campaignId} has a non-numeric time`);
    known(r.campaignId, 'a response');
  }
}

function indexResponses(responses: ReadonlyArray<CampaignResponse>, key: 'contactId' | 'leadId'): Map<string, CampaignResponse[]> {
  const index = new Map<string, CampaignResponse[]>();
  for (const r of responses) {
    const id = r[key];
    if (id === undefined) continue;
    const list = index.get(id);
    if (list) list.push(r);
    else index.set(id, [r]);
  }
  return index;
}

function dealTouches(
  deal: AttributionDeal,
  byContact: ReadonlyMap<string, ReadonlyArray<CampaignResponse>>,
  byLead: ReadonlyMap<string, ReadonlyArray<CampaignResponse>>,
): Touch[] {
  const touches: Touch[] = [];
  const add = (ids: ReadonlyArray<string>, index: ReadonlyMap<string, ReadonlyArray<CampaignResponse>>): void => {
    // A contact listed twice on a deal must not double its responses.
    for (const id of new Set(ids)) {
      for (const r of index.get(id) ?? []) {
        if (r.respondedAt <= deal.closedAt) touches.push({ campaignId: r.campaignId, at: r.respondedAt });
      }
    }
  };
  add(deal.contactIds, byContact);
  add(deal.leadIds, byLead);
  if (deal.sourceCampaignId !== undefined) {
    touches.push({ campaignId: deal.sourceCampaignId, at: Math.min(deal.createdAt, deal.closedAt) });
  }
  return touches;
}

/** [campaignId, revenue share in minor units, deal share] for one deal. */
function creditsFor(amount: number, touches: ReadonlyArray<Touch>, model: AttributionModel): Array<[string, number, number]> {
  if (model === 'even_split') {
    const campaigns = [...new Set(touches.map((t) => t.campaignId))].sort(compareIds);
    const shares = splitEvenly(amount, campaigns.length);
    return campaigns.map((id, i) => [id, shares[i]!, 1 / campaigns.length]);
  }
  let chosen = touches[0]!;
  for (const t of touches) {
    const better = model === 'first_touch' ? t.at < chosen.at : t.at > chosen.at;
    if (better || (t.at === chosen.at && compareIds(t.campaignId, chosen.campaignId) < 0)) chosen = t;
  }
  return [[chosen.campaignId, amount, 1]];
}

/** Code-unit order, the same on every machine and locale (localeCompare is not). */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
