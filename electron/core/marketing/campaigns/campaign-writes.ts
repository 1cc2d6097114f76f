import { randomUUID } from 'node:crypto';
import type { Stored } from '../../../../shared/contract';
import {
  CAMPAIGN_DATE_ORDER_MESSAGE,
  type AddMembersResult,
  type CampaignPatch,
  type CampaignValues,
} from '../../../../shared/contract/marketing/campaigns-requests';
import { segmentDefinitionSchema, type SegmentDefinition } from '../../../../shared/marketing/segment-conditions';
import type { Campaign, CampaignMember, Contact, Segment } from '../../../../shared/schemas';
import { HandlerError } from '../../rpc/handler-error';
import { createSalesStore } from '../../sales/sales-store';
import type { CampaignsDeps } from './campaigns-deps';

/** Statuses that are a response: the first of them stamps `respondedAt`, which attribution reads. */
const RESPONSE_STATUSES: ReadonlySet<CampaignMember['status']> = new Set(['responded', 'attended', 'converted']);
/** Documents per storage write when adding many members (one SQLite transaction each). */
const INSERT_CHUNK = 2_000;
/** Ids per `$in` query when reading an account list's contacts. */
const QUERY_CHUNK = 500;

export type CampaignWriteOptions = { readonly newId?: () => string };

/** Campaign and member writes: each builds the whole next document and validates it before the commit. */
export function createCampaignWrites(deps: CampaignsDeps, options: CampaignWriteOptions = {}) {
  const newId = options.newId ?? randomUUID;
  const store = createSalesStore<Campaign>('marketing', deps);
  const memberStore = createSalesStore<CampaignMember>('marketing', deps);

  const mustCampaign = async (id: string): Promise<Campaign> => {
    const doc = (await store.collection.findOne(id).exec())?.toJSON() as Campaign | undefined;
    if (doc?.kind !== 'campaign') throw new HandlerError('not_found', `No campaign with id ${id}`);
    return doc;
  };

  const mustMember = async (id: string): Promise<CampaignMember> => {
    const doc = (await memberStore.collection.findOne(id).exec())?.toJSON() as CampaignMember | undefined;
    if (doc?.kind !== 'campaign_member') throw new HandlerError('not_found', `No campaign member with id ${id}`);
    return doc;
  };

  /** The segment's records now, through the segment engine, as contacts or leads to add. */
  const segmentPeople = async (segmentId: string): Promise<{ contactIds: string[]; leadIds: string[] }> => {
    const segment = (await deps.db.marketing.findOne(segmentId).exec())?.toJSON() as Segment | undefined;
    if (segment?.kind !== 'segment') throw new HandlerError('not_found', `No segment with id ${segmentId}`);
    const parsed = segmentDefinitionSchema.safeParse(segment.definition);
    if (!parsed.success) throw new HandlerError('invalid_state', `The segment "${segment.name}" has conditions this version cannot read.`);
    if (!deps.segments) throw new HandlerError('invalid_state', 'Segments cannot be evaluated on this device yet.');
    const definition: SegmentDefinition = parsed.data;
    const ids = [...(await deps.segments.ids(definition))];
    if (definition.target === 'leads') return { contactIds: [], leadIds: ids };
    if (definition.target === 'contacts') return { contactIds: ids, leadIds: [] };
    const contactIds: string[] = [];
    for (let i = 0; i < ids.length; i += QUERY_CHUNK) {
      const docs = await deps.db.contacts.find({ selector: { accountId: { $in: ids.slice(i, i + QUERY_CHUNK) } } }).exec();
      for (const doc of docs) contactIds.push(doc.primary);
    }
    return { contactIds, leadIds: [] };
  };

  return {
    mustCampaign,
    mustMember,

    async create(values: CampaignValues): Promise<Stored<Campaign>> {
      const at = deps.now();
      const { ownerId, ...fields } = values;
      return store.insert(
        store.validate({
          ...fields,
          id: newId(),
          kind: 'campaign',
          ownerId: ownerId ?? deps.actor.ownerId,
          teamId: deps.actor.teamId,
          createdAt: at,
          updatedAt: at,
        }),
      );
    },

    async update(
      id: string,
      patch: CampaignPatch,
      unset: ReadonlyArray<'expectedRevenue' | 'description'>,
      expectedRevision: string | undefined,
    ): Promise<Stored<Campaign>> {
      await mustCampaign(id);
      return store.modify(
        id,
        (current) => {
          const next: Record<string, unknown> = { ...current, ...patch };
          for (const field of unset) delete next[field];
          const campaign = next as Campaign;
          if (campaign.endDate < campaign.startDate) {
            throw new HandlerError('invalid_request', `endDate: ${CAMPAIGN_DATE_ORDER_MESSAGE} (${campaign.startDate})`);
          }
          return campaign;
        },
        expectedRevision,
      );
    },

    /**
     * Adds contacts and leads not yet in the campaign (existing members stay as they are). Every id must
     * name a record on this device, or nothing is added. Contacts who opted out are added too: the
     * outbox skips them when it sends, and the member list shows it.
     */
    async addMembers(
      campaignId: string,
      people: { readonly contactIds: ReadonlyArray<string>; readonly leadIds: ReadonlyArray<string> } | { readonly segmentId: string },
    ): Promise<AddMembersResult> {
      await mustCampaign(campaignId);
      const { contactIds, leadIds } = 'segmentId' in people ? await segmentPeople(people.segmentId) : people;
      const uniqueContacts = [...new Set(contactIds)];
      const uniqueLeads = [...new Set(leadIds)];
      const [contactDocs, leadDocs] = await Promise.all([
        uniqueContacts.length > 0 ? deps.db.contacts.findByIds(uniqueContacts).exec() : new Map(),
        uniqueLeads.length > 0 ? deps.db.leads.findByIds(uniqueLeads).exec() : new Map(),
      ]);
      const missingContacts = uniqueContacts.filter((id) => !contactDocs.has(id));
      const missingLeads = uniqueLeads.filter((id) => !leadDocs.has(id));
      if (missingContacts.length > 0 || missingLeads.length > 0) {
        const parts = [
          missingContacts.length > 0 ? `${missingContacts.length} contact(s) (${missingContacts.slice(0, 3).join(', ')})` : '',
          missingLeads.length > 0 ? `${missingLeads.length} lead(s) (${missingLeads.slice(0, 3).join(', ')})` : '',
        ].filter(Boolean);
        throw new HandlerError('invalid_request', `No one was added: ${parts.join(' and ')} are not on this device.`);
      }

      await deps.figures.ready();
      const existingContacts = new Set<string>();
      const existingLeads = new Set<string>();
      for (const m of deps.figures.membersOf(campaignId)) {
        if (m.contactId !== undefined) existingContacts.add(m.contactId);
        if (m.leadId !== undefined) existingLeads.add(m.leadId);
      }

      const at = deps.now();
      const stamp = { ownerId: deps.actor.ownerId, teamId: deps.actor.teamId, createdAt: at, updatedAt: at };
      const docs: CampaignMember[] = [];
      let optedOut = 0;
      for (const id of uniqueContacts) {
        if (existingContacts.has(id)) continue;
        const contact = contactDocs.get(id)!.toJSON() as Contact;
        if (contact.doNotContact) optedOut += 1;
        docs.push(
          memberStore.validate({
            ...stamp,
            id: newId(),
            kind: 'campaign_member',
            campaignId,
            contactId: id,
            accountId: contact.accountId,
            status: 'targeted',
          }),
        );
      }
      for (const id of uniqueLeads) {
        if (existingLeads.has(id)) continue;
        docs.push(memberStore.validate({ ...stamp, id: newId(), kind: 'campaign_member', campaignId, leadId: id, status: 'targeted' }));
      }
      for (let i = 0; i < docs.length; i += INSERT_CHUNK) {
        const result = await memberStore.collection.bulkInsert(docs.slice(i, i + INSERT_CHUNK));
        if (result.error.length > 0) throw new HandlerError('internal', `${result.error.length} members could not be written`);
      }
      if ('segmentId' in people) {
        await store.modify(campaignId, (c) => ({ ...c, segmentId: people.segmentId }));
      }
      return { added: docs.length, skippedExisting: uniqueContacts.length + uniqueLeads.length - docs.length, optedOut };
    },

    async removeMember(memberId: string): Promise<{ readonly id: string }> {
      await mustMember(memberId);
      const doc = await memberStore.mustFind(memberId);
      await doc.remove();
      return { id: memberId };
    },

    /** Moves a member to a response status; the first response stamps `respondedAt` (at `at`, default now). */
    async logResponse(
      memberId: string,
      status: CampaignMember['status'],
      at: number | undefined,
      expectedRevision: string | undefined,
    ): Promise<Stored<CampaignMember>> {
      await mustMember(memberId);
      const when = at ?? deps.now();
      if (when > deps.now() + 60_000) throw new HandlerError('invalid_request', 'at: a response cannot be logged in the future');
      return memberStore.modify(
        memberId,
        (m) => {
          if (m.status === status)
            throw new HandlerError('invalid_state', `The member is already marked "${status}"; nothing was changed.`);
          const next: CampaignMember = { ...m, status };
          if (RESPONSE_STATUSES.has(status) && next.respondedAt === undefined) next.respondedAt = when;
          return next;
        },
        expectedRevision,
      );
    },
  };
}
