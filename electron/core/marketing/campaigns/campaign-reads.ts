import type { Stored } from '../../../../shared/contract';
import type {
  CampaignDetail,
  CampaignListParams,
  CampaignMemberRow,
  CampaignRow,
  CampaignSortField,
} from '../../../../shared/contract/marketing/campaigns-requests';
import { ATTRIBUTION_MODELS, type AttributionModel } from '../../../../shared/marketing/attribution';
import { campaignFigures } from '../../../../shared/marketing/campaign-figures';
import { contactName } from '../../../../shared/schemas/contact-name';
import {
  CAMPAIGN_MEMBER_STATUSES,
  type Account,
  type Campaign,
  type CampaignMember,
  type CampaignMemberStatus,
  type Contact,
  type Lead,
  type Segment,
} from '../../../../shared/schemas';
import type { StoreDeps } from '../../customers/record-store';
import { nameOf, usersOf } from '../../service/user-directory';
import type { CampaignFiguresByModel, CampaignFiguresSnapshot, CampaignFiguresSource, MemberFacts } from './campaign-figures-source';
import { toStored } from '../../db/validated-documents';

type ListFilter = NonNullable<CampaignListParams['filter']>;

/** Funnel order, with delivery failures beyond the end: the default (descending) order shows what needs a look first. */
const STATUS_RANK: Readonly<Record<CampaignMemberStatus, number>> = {
  targeted: 0,
  sent: 1,
  opened: 2,
  responded: 3,
  attended: 4,
  converted: 5,
  failed: 6,
  bounced: 7,
};

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The list's rows under one attribution model, filtered and sorted (ties by id, so windows never overlap). */
export async function campaignRows(
  deps: StoreDeps,
  snapshot: CampaignFiguresSnapshot,
  filter: ListFilter,
  model: AttributionModel,
  sort: { readonly field: CampaignSortField; readonly direction: 'asc' | 'desc' },
): Promise<CampaignRow[]> {
  const users = await usersOf(deps.db);
  const words = (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const rows: CampaignRow[] = [];
  for (const campaign of snapshot.campaigns.values()) {
    if (filter.type && !filter.type.includes(campaign.type)) continue;
    if (filter.status && !filter.status.includes(campaign.status)) continue;
    if (filter.ownerId && !filter.ownerId.includes(campaign.ownerId)) continue;
    if (words.length > 0) {
      const name = campaign.name.toLowerCase();
      if (!words.every((w) => name.includes(w))) continue;
    }
    const f = snapshot.figures.get(campaign.id)?.[model];
    rows.push({
      ...campaign,
      ownerName: nameOf(users, campaign.ownerId),
      members: f?.funnel[0]?.count ?? 0,
      revenue: f?.revenue ?? 0,
      roi: f?.roi ?? null,
      wonDeals: f?.wonDeals ?? 0,
      leads: f?.leads ?? 0,
    });
  }
  const sign = sort.direction === 'asc' ? 1 : -1;
  const key = (row: CampaignRow): number | string | null => (sort.field === 'name' ? row.name.toLowerCase() : row[sort.field]);
  rows.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    // A campaign without an ROI (no cost recorded) sorts after every number, whichever the direction.
    if (x === null || y === null) return x === y ? compareText(a.id, b.id) : x === null ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y));
    return order !== 0 ? sign * order : compareText(a.id, b.id);
  });
  return rows;
}

/** Figures of a campaign the snapshot does not hold yet (created a moment ago): its members and cost, nothing attributed. */
function figuresWithoutAttribution(campaign: Campaign, members: ReadonlyArray<MemberFacts>): CampaignFiguresByModel {
  const one = campaignFigures(campaign, members, undefined);
  return Object.fromEntries(ATTRIBUTION_MODELS.map((m) => [m, one])) as CampaignFiguresByModel;
}

export async function campaignDetail(
  deps: StoreDeps,
  source: CampaignFiguresSource,
  snapshot: CampaignFiguresSnapshot,
  campaign: Stored<Campaign>,
): Promise<CampaignDetail> {
  const users = await usersOf(deps.db);
  const members = source.membersOf(campaign.id);
  const statusCounts = Object.fromEntries(CAMPAIGN_MEMBER_STATUSES.map((s) => [s, 0])) as Record<CampaignMemberStatus, number>;
  for (const m of members) statusCounts[m.status] += 1;
  let segmentName: string | null = null;
  if (campaign.segmentId !== undefined) {
    const segment = (await deps.db.marketing.findOne(campaign.segmentId).exec())?.toJSON() as Segment | undefined;
    segmentName = segment?.kind === 'segment' ? segment.name : null;
  }
  return {
    ...campaign,
    ownerName: nameOf(users, campaign.ownerId),
    segmentName,
    members: members.length,
    statusCounts,
    figures: snapshot.figures.get(campaign.id) ?? figuresWithoutAttribution(campaign, members),
    sourcedWonDeals: snapshot.sourcedWonDeals.get(campaign.id) ?? 0,
  };
}

/** One campaign's members filtered by status and sorted; ties by id. */
export function orderedMembers(
  members: ReadonlyArray<MemberFacts>,
  status: ReadonlyArray<CampaignMemberStatus> | undefined,
  sort: { readonly field: 'status' | 'updatedAt'; readonly direction: 'asc' | 'desc' },
): MemberFacts[] {
  const wanted = status ? new Set(status) : undefined;
  const rows = wanted ? members.filter((m) => wanted.has(m.status)) : [...members];
  const sign = sort.direction === 'asc' ? 1 : -1;
  rows.sort((a, b) => {
    const order = sort.field === 'status' ? STATUS_RANK[a.status] - STATUS_RANK[b.status] : a.updatedAt - b.updatedAt;
    return order !== 0 ? sign * order : compareText(a.id, b.id);
  });
  return rows;
}

/** Member documents of one window with the names, accounts and addresses the table shows. */
export async function memberRows(deps: StoreDeps, ids: ReadonlyArray<string>): Promise<CampaignMemberRow[]> {
  if (ids.length === 0) return [];
  const docs = await deps.db.marketing.findByIds([...ids]).exec();
  const members: Stored<CampaignMember>[] = [];
  for (const id of ids) {
    const doc = docs.get(id);
    if (doc) members.push(toStored(doc) as Stored<CampaignMember>);
  }
  const contactIds = members.flatMap((m) => (m.contactId !== undefined ? [m.contactId] : []));
  const leadIds = members.flatMap((m) => (m.leadId !== undefined ? [m.leadId] : []));
  const [contacts, leads] = await Promise.all([
    contactIds.length > 0 ? deps.db.contacts.findByIds(contactIds).exec() : new Map(),
    leadIds.length > 0 ? deps.db.leads.findByIds(leadIds).exec() : new Map(),
  ]);
  const contactOf = (id: string | undefined): Contact | undefined => (id === undefined ? undefined : contacts.get(id)?.toJSON());
  const leadOf = (id: string | undefined): Lead | undefined => (id === undefined ? undefined : leads.get(id)?.toJSON());
  const accountIds = new Set<string>();
  for (const m of members) {
    const accountId = m.accountId ?? contactOf(m.contactId)?.accountId;
    if (accountId !== undefined) accountIds.add(accountId);
  }
  const accounts = accountIds.size > 0 ? await deps.db.accounts.findByIds([...accountIds]).exec() : new Map();
  return members.map((m) => {
    const contact = contactOf(m.contactId);
    const lead = leadOf(m.leadId);
    const accountId = m.accountId ?? contact?.accountId;
    const account = accountId !== undefined ? (accounts.get(accountId)?.toJSON() as Account | undefined) : undefined;
    return {
      ...m,
      name: contact ? contactName(contact) : lead ? contactName(lead) : (m.contactId ?? m.leadId ?? m.id),
      accountName: account?.name ?? lead?.company ?? null,
      email: contact?.email ?? lead?.email ?? null,
      optedOut: contact?.doNotContact === true,
    };
  });
}
