import {
  DEFAULT_ATTRIBUTION_MODEL,
  type CampaignRow,
  type CurrencyTotals,
  type MarketingDashboard,
  type MarketingDashboardFilters,
  type ModelRoi,
  type TypeRow,
} from '../../../../shared/contract/marketing/marketing-dashboard-requests';
import {
  ATTRIBUTION_MODELS,
  attributeRevenueByModel,
  type AttributedRevenue,
  type AttributionModel,
} from '../../../../shared/marketing/attribution';
import { buildAttributionInput, type AttributionSources } from '../../../../shared/marketing/attribution-input';
import { campaignFigures, FUNNEL_STAGES, type CampaignFigures } from '../../../../shared/marketing/campaign-figures';
import type { Campaign, CampaignMember } from '../../../../shared/schemas/marketing';

export type DashboardCampaign = Pick<
  Campaign,
  'id' | 'name' | 'type' | 'status' | 'startDate' | 'endDate' | 'currency' | 'budget' | 'actualCost' | 'ownerId' | 'teamId'
>;
export type DashboardMember = Pick<CampaignMember, 'campaignId' | 'contactId' | 'leadId' | 'status' | 'respondedAt'>;
export type DashboardLead = AttributionSources['leads'][number] & { readonly ownerId: string; readonly teamId: string };

/** What the dashboard reads: the campaigns, their members, the leads and the won deals. */
export type MarketingDashboardData = {
  readonly campaigns: ReadonlyArray<DashboardCampaign>;
  readonly members: ReadonlyArray<DashboardMember>;
  readonly leads: ReadonlyArray<DashboardLead>;
  /** Opportunities; only the won ones are read. */
  readonly opportunities: AttributionSources['opportunities'];
};

/** Every model's attribution over every campaign: it does not depend on the filters, so it is computed once per data version. */
export type AttributionByModel = {
  readonly byModel: Readonly<Record<AttributionModel, ReadonlyMap<string, AttributedRevenue>>>;
  readonly untimedMembers: number;
};

export function attributeAllModels(data: MarketingDashboardData): AttributionByModel {
  const built = buildAttributionInput({
    campaigns: data.campaigns,
    opportunities: data.opportunities,
    leads: data.leads,
    members: data.members,
  });
  return { byModel: attributeRevenueByModel(built.input), untimedMembers: built.untimedMembers };
}

/** Members and captured leads grouped by campaign, also filter-independent. */
export type CampaignIndex = {
  readonly members: ReadonlyMap<string, ReadonlyArray<DashboardMember>>;
  readonly capturedLeads: ReadonlyMap<string, ReadonlyArray<string>>;
};

export function indexCampaigns(data: MarketingDashboardData): CampaignIndex {
  const members = new Map<string, DashboardMember[]>();
  for (const m of data.members) push(members, m.campaignId, m);
  const capturedLeads = new Map<string, string[]>();
  for (const lead of data.leads) if (lead.campaignId !== undefined) push(capturedLeads, lead.campaignId, lead.id);
  return { members, capturedLeads };
}

/** One campaign's figures under every attribution model. */
export type FiguresByModel = { readonly [M in AttributionModel]: CampaignFigures };

/** Leads counted by where they fall for the leads-by-month chart: month created, owner, team, source campaign. */
export type LeadGroup = {
  /** `YYYY-MM` (UTC) of the lead's creation. */
  readonly month: string;
  readonly ownerId: string;
  readonly teamId: string;
  readonly campaignId?: string;
  readonly count: number;
};

/**
 * Everything the dashboard reads, none of it depending on the filters: every campaign with its
 * figures under every model (the shared campaign-figures source computes them once per change), and
 * the leads grouped for the monthly chart.
 */
export type DashboardFacts = {
  readonly campaigns: Iterable<DashboardCampaign>;
  readonly figures: ReadonlyMap<string, FiguresByModel>;
  /** Per campaign and model, whole deals that would have credited it but are in another currency. */
  readonly skippedDeals: ReadonlyMap<string, Readonly<Record<AttributionModel, number>>>;
  readonly untimedMembers: number;
  readonly leadGroups: Iterable<LeadGroup>;
};

/** The facts from whole tables' worth of documents: what the shared source and the projection hold, computed directly. */
export function dashboardFactsFromData(data: MarketingDashboardData): DashboardFacts {
  const attribution = attributeAllModels(data);
  const index = indexCampaigns(data);
  const figures = new Map<string, FiguresByModel>();
  const skippedDeals = new Map<string, Record<AttributionModel, number>>();
  for (const c of data.campaigns) {
    const members = index.members.get(c.id) ?? [];
    const captured = index.capturedLeads.get(c.id) ?? [];
    figures.set(
      c.id,
      Object.fromEntries(
        ATTRIBUTION_MODELS.map((m) => [m, campaignFigures(c, members, attribution.byModel[m].get(c.id), captured)]),
      ) as FiguresByModel,
    );
    skippedDeals.set(
      c.id,
      Object.fromEntries(ATTRIBUTION_MODELS.map((m) => [m, attribution.byModel[m].get(c.id)?.skippedDeals ?? 0])) as Record<
        AttributionModel,
        number
      >,
    );
  }
  const leadGroups = new Map<string, LeadGroup>();
  for (const lead of data.leads) {
    const place = leadPlace(lead);
    const key = leadGroupKey(place);
    leadGroups.set(key, { ...place, count: (leadGroups.get(key)?.count ?? 0) + 1 });
  }
  return { campaigns: data.campaigns, figures, skippedDeals, untimedMembers: attribution.untimedMembers, leadGroups: leadGroups.values() };
}

/** Where one lead counts in the leads-by-month chart. */
export function leadPlace(lead: Pick<DashboardLead, 'createdAt' | 'ownerId' | 'teamId' | 'campaignId'>): Omit<LeadGroup, 'count'> {
  return {
    month: new Date(lead.createdAt).toISOString().slice(0, 7),
    ownerId: lead.ownerId,
    teamId: lead.teamId,
    ...(lead.campaignId === undefined ? {} : { campaignId: lead.campaignId }),
  };
}

export function leadGroupKey(place: Omit<LeadGroup, 'count'>): string {
  return `${place.month}\u0000${place.ownerId}\u0000${place.teamId}\u0000${place.campaignId ?? ''}`;
}

export type DashboardComputeInput = {
  readonly facts: DashboardFacts;
  readonly filters: MarketingDashboardFilters;
  /** `YYYY-MM-DD`. */
  readonly asOf: string;
  readonly segments: MarketingDashboard['segments'];
};

/**
 * The marketing dashboard for one set of filters. Campaigns are chosen by owner, team, type and the
 * period (running at any time in it); each keeps its whole-life figures. Money is summed per
 * currency only; the key figures show `filters.currency` or the currency most campaigns use.
 */
export function computeMarketingDashboard(input: DashboardComputeInput): MarketingDashboard {
  const { facts, filters, asOf } = input;
  const model = filters.model ?? DEFAULT_ATTRIBUTION_MODEL;
  const { from, to } = periodOf(filters, asOf);
  const fromDay = `${from}-01`;
  const toDay = endOfMonth(to);

  const all = [...facts.campaigns];
  const chosen = all.filter(
    (c) =>
      (filters.ownerId === undefined || c.ownerId === filters.ownerId) &&
      (filters.teamId === undefined || c.teamId === filters.teamId) &&
      (filters.campaignType === undefined || c.type === filters.campaignType) &&
      c.startDate <= toDay &&
      c.endDate >= fromDay,
  );

  const funnelCounts = new Array<number>(FUNNEL_STAGES.length).fill(0);
  let skippedDeals = 0;
  const rows: CampaignRow[] = chosen.map((c) => {
    const figures = facts.figures.get(c.id);
    if (!figures) throw new Error(`Marketing dashboard: campaign ${c.id} has no figures`);
    const shown = figures[model];
    shown.funnel.forEach((step, i) => (funnelCounts[i]! += step.count));
    skippedDeals += facts.skippedDeals.get(c.id)?.[model] ?? 0;
    const byModel = Object.fromEntries(ATTRIBUTION_MODELS.map((m) => [m, { revenue: figures[m].revenue, roi: figures[m].roi }])) as Record<
      AttributionModel,
      ModelRoi
    >;
    return {
      id: c.id,
      name: c.name,
      type: c.type,
      status: c.status,
      startDate: c.startDate,
      endDate: c.endDate,
      currency: c.currency,
      budget: c.budget,
      actualCost: c.actualCost,
      revenue: shown.revenue,
      roi: shown.roi,
      wonDeals: shown.wonDeals,
      leads: shown.leads,
      costPerLead: shown.costPerLead,
      costPerWonDeal: shown.costPerWonDeal,
      // Every member was targeted, so the funnel's first stage counts them all.
      members: shown.funnel[0]?.count ?? 0,
      byModel,
    };
  });
  rows.sort((a, b) => (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : a.name.localeCompare(b.name)));

  const currencies = byUse(rows.map((r) => r.currency));
  const currency = filters.currency ?? currencies[0] ?? 'USD';
  const totalsByCurrency = currencies.map((cur) => totalsOf(cur, rows));
  const shownTotals = totalsByCurrency.find((t) => t.currency === currency) ?? totalsOf(currency, []);

  return {
    asOf,
    model,
    currency,
    currencies,
    totals: { ...shownTotals, members: rows.reduce((sum, r) => sum + r.members, 0) },
    totalsByCurrency,
    campaigns: rows,
    roiByType: typeRows(rows),
    leadsByMonth: leadsByMonth(facts.leadGroups, all, filters, from, to),
    funnel: FUNNEL_STAGES.map((stage, i) => ({ stage, count: funnelCounts[i]! })),
    segments: input.segments,
    notes: { untimedMembers: facts.untimedMembers, skippedDeals },
  };
}

function totalsOf(currency: string, rows: ReadonlyArray<CampaignRow>): CurrencyTotals {
  const own = rows.filter((r) => r.currency === currency);
  const sum = (pick: (r: CampaignRow) => number): number => own.reduce((total, r) => total + pick(r), 0);
  const actualCost = sum((r) => r.actualCost);
  const revenue = sum((r) => r.revenue);
  const leads = sum((r) => r.leads);
  return {
    currency,
    campaigns: own.length,
    budget: sum((r) => r.budget),
    actualCost,
    revenue,
    roi: actualCost === 0 ? null : (revenue - actualCost) / actualCost,
    wonDeals: sum((r) => r.wonDeals),
    leads,
    costPerLead: leads === 0 ? null : Math.round(actualCost / leads),
  };
}

/** Per type and currency, under every model; types in the schema's order, then currencies by use. */
function typeRows(rows: ReadonlyArray<CampaignRow>): TypeRow[] {
  const groups = new Map<string, CampaignRow[]>();
  for (const r of rows) push(groups, `${r.type}\u0000${r.currency}`, r);
  const result: TypeRow[] = [];
  for (const [key, members] of groups) {
    const [type, currency] = key.split('\u0000') as [CampaignRow['type'], string];
    const actualCost = members.reduce((sum, r) => sum + r.actualCost, 0);
    const byModel = Object.fromEntries(
      ATTRIBUTION_MODELS.map((m) => {
        const revenue = members.reduce((sum, r) => sum + r.byModel[m].revenue, 0);
        return [m, { revenue, roi: actualCost === 0 ? null : (revenue - actualCost) / actualCost }];
      }),
    ) as Record<AttributionModel, ModelRoi>;
    result.push({ type, currency, campaigns: members.length, actualCost, byModel });
  }
  return result.sort((a, b) => a.type.localeCompare(b.type) || a.currency.localeCompare(b.currency));
}

/**
 * Leads created in each month of the period, by whether they name a source campaign. Owner and
 * team are the lead's own; a campaign-type filter keeps the leads of campaigns of that type (a lead
 * without a campaign has no type, so none of those).
 */
function leadsByMonth(
  leads: Iterable<LeadGroup>,
  campaigns: ReadonlyArray<DashboardCampaign>,
  filters: MarketingDashboardFilters,
  from: string,
  to: string,
): MarketingDashboard['leadsByMonth'] {
  const months = monthsBetween(from, to);
  const slot = new Map(months.map((m, i) => [m, i]));
  const campaignCounts = new Array<number>(months.length).fill(0);
  const otherCounts = new Array<number>(months.length).fill(0);
  const typeOf = new Map(campaigns.map((c) => [c.id, c.type]));
  for (const lead of leads) {
    if (filters.ownerId !== undefined && lead.ownerId !== filters.ownerId) continue;
    if (filters.teamId !== undefined && lead.teamId !== filters.teamId) continue;
    const known = lead.campaignId !== undefined && typeOf.has(lead.campaignId);
    if (filters.campaignType !== undefined && (!known || typeOf.get(lead.campaignId!) !== filters.campaignType)) continue;
    const i = slot.get(lead.month);
    if (i === undefined) continue;
    if (known) campaignCounts[i]! += lead.count;
    else otherCounts[i]! += lead.count;
  }
  return months.map((month, i) => ({ month, campaign: campaignCounts[i]!, noCampaign: otherCounts[i]! }));
}

/** The filters' months, or the twelve months up to the month of `asOf`. */
export function periodOf(filters: MarketingDashboardFilters, asOf: string): { readonly from: string; readonly to: string } {
  const to = filters.to ?? asOf.slice(0, 7);
  const from = filters.from ?? shiftMonth(to, -11);
  return from <= to ? { from, to } : { from: to, to: from };
}

function shiftMonth(month: string, by: number): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to && months.length < 240; m = shiftMonth(m, 1)) months.push(m);
  return months;
}

function endOfMonth(month: string): string {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
}

/** Most used first, ties by code, so the default currency never depends on input order. */
function byUse(values: ReadonlyArray<string>): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
