import { randomUUID } from 'node:crypto';
import type { MangoQuerySelector, MangoQuerySortPart } from 'rxdb';
import { ok, type Stored } from '../../../shared/contract';
import type { LeadRecord } from '../../../shared/contract/sales/leads-requests';
import { STAGE_DEFAULTS, type Account, type Contact, type Lead, type Opportunity } from '../../../shared/schemas';
import type { StoreDeps } from '../customers/record-store';
import { defineHandlers } from '../rpc/dispatcher';
import { HandlerError } from '../rpc/handler-error';
import type { SearchIndex } from '../search';
import { createLeadMemberships } from './lead-campaign-members';
import { findAccountCandidates } from './lead-duplicates';
import type { ExistingDuplicates } from '../customers/duplicates/import-duplicates';
import { leadDuplicates, mergeLeadCandidates } from '../customers/duplicates/lead-candidates';
import { leadScore } from './lead-score';
import { createSalesStore } from './sales-store';
import { editRevisionOf, toStored } from '../db/validated-documents';

export type LeadsOptions = {
  readonly newId?: () => string;
  /** The full-text index, which finds the accounts a lead may duplicate without a scan. */
  readonly search?: () => SearchIndex;
  /** The duplicate engine's indexes of accounts and contacts (the same one the create forms warn with). */
  readonly duplicates?: ExistingDuplicates;
};

/** Lead capture, list, detail and edit, qualification, duplicate check and the one-step conversion. */
export function createLeadsHandlers(deps: StoreDeps, options: LeadsOptions = {}) {
  const newId = options.newId ?? randomUUID;
  const withScore = (lead: Stored<Lead>): LeadRecord => ({ ...lead, score: leadScore(lead), mine: lead.ownerId === deps.actor.ownerId });
  const leads = createSalesStore<Lead>('leads', deps);
  const accounts = createSalesStore<Account>('accounts', deps);
  const contacts = createSalesStore<Contact>('contacts', deps);
  const opportunities = createSalesStore<Opportunity>('opportunities', deps);
  const memberships = createLeadMemberships(deps);

  return defineHandlers({
    'leads.list': async ({ filter, sort, offset, limit }) => {
      const selector: MangoQuerySelector<Lead> = {};
      if (filter.status) selector.status = { $in: [...filter.status] };
      if (filter.source) selector.source = { $in: [...filter.source] };
      if (filter.ownerId) selector.ownerId = { $in: [...filter.ownerId] };
      // "Mine" is the current user: the signed-in one, or the local user before sign-in.
      if (filter.mine) selector.ownerId = deps.actor.ownerId;
      const order = [{ [sort.field]: sort.direction }] as MangoQuerySortPart<Lead>[];
      const [docs, total] = await Promise.all([
        leads.collection.find({ selector, sort: order, skip: offset, limit }).exec(),
        leads.collection.count({ selector }).exec(),
      ]);
      return ok({ rows: docs.map((doc) => withScore(toStored(doc))), total, offset });
    },

    'leads.get': async ({ id }) => {
      const doc = await leads.mustFind(id);
      return ok(withScore(toStored(doc)));
    },

    'leads.update': async ({ id, patch, unset, expectedRevision }) => {
      const updated = await leads.modify(
        id,
        (lead) => {
          if (lead.status === 'converted') throw new HandlerError('invalid_state', 'A converted lead is kept as it was converted');
          const next: Record<string, unknown> = { ...lead, ...patch };
          for (const field of unset ?? []) delete next[field];
          return next as Lead;
        },
        expectedRevision,
      );
      return ok(withScore(updated));
    },

    'leads.convertCandidates': async ({ id }) => {
      const lead = (await leads.mustFind(id)).toJSON(false) as Lead;
      if (!options.search) throw new HandlerError('internal', 'The search index is not available to the leads handlers');
      const evidence = await findAccountCandidates(lead, options.search(), accounts.collection);
      if (!options.duplicates) return ok({ candidates: evidence, contactCandidates: [] });
      const { accounts: likely, contacts: people } = await leadDuplicates(deps.db, lead, options.duplicates);
      return ok({ candidates: mergeLeadCandidates(likely, evidence), contactCandidates: people });
    },

    'leads.create': async ({ values }) => {
      const at = deps.now();
      const doc = {
        ...values,
        id: newId(),
        ownerId: values.ownerId ?? deps.actor.ownerId,
        teamId: deps.actor.teamId,
        createdAt: at,
        updatedAt: at,
      };
      return ok(withScore(await leads.insert(doc)));
    },

    'leads.setStatus': async ({ id, status, reason, expectedRevision }) => {
      const updated = await leads.modify(
        id,
        (lead) => {
          if (lead.status === 'converted') throw new HandlerError('invalid_state', 'A converted lead cannot change status');
          // The schema has no reason field; the reason leads the notes so the next reader sees it first.
          const notes = reason ? [`[${status}] ${reason}`, lead.notes].filter(Boolean).join('\n') : lead.notes;
          return { ...lead, status, ...(notes ? { notes } : {}) };
        },
        expectedRevision,
      );
      return ok(withScore(updated));
    },

    'leads.convert': async (params) => {
      const leadDoc = await leads.mustFind(params.id);
      const lead = leadDoc.toJSON(false) as Lead;
      if (params.expectedRevision !== undefined && editRevisionOf(leadDoc) !== params.expectedRevision) {
        throw new HandlerError('conflict', 'The lead changed since it was opened');
      }
      if (lead.status === 'converted') throw new HandlerError('invalid_state', 'The lead is converted already');
      const at = deps.now();
      const stamp = { ownerId: lead.ownerId, teamId: lead.teamId, createdAt: at, updatedAt: at };

      // Build and validate all three new records (and the lead's next state) before writing any.
      let account: Account | undefined;
      if (params.existingAccountId !== undefined) await accounts.mustFind(params.existingAccountId);
      else {
        const name = params.accountName ?? lead.company;
        if (!name) throw new HandlerError('invalid_request', 'accountName: a new account needs a name');
        account = accounts.validate({
          ...stamp,
          id: newId(),
          name,
          status: 'prospect',
          tier: 'standard',
          region: 'emea',
          currency: params.currency,
          ...pick(lead, ['phone', 'email', 'city', 'country']),
        });
      }
      const accountId = account?.id ?? params.existingAccountId ?? '';
      const contact = contacts.validate({
        ...stamp,
        id: newId(),
        accountId,
        isPrimary: true,
        doNotContact: false,
        ...pick(lead, ['firstName', 'lastName', 'title', 'email', 'phone', 'city', 'country']),
      });
      const defaults = STAGE_DEFAULTS.qualification;
      const opportunity = opportunities.validate({
        ...stamp,
        id: newId(),
        accountId,
        primaryContactId: contact.id,
        name: params.opportunityName,
        stage: 'qualification',
        amount: 0,
        currency: params.currency,
        ...defaults,
        closeDate: params.closeDate,
        leadSource: lead.source,
        ...(lead.campaignId ? { campaignId: lead.campaignId } : {}),
        lineItems: [],
        stageHistory: [{ stage: 'qualification', at, byUserId: deps.actor.ownerId }],
      });
      const converted = {
        status: 'converted' as const,
        convertedAt: at,
        convertedAccountId: accountId,
        convertedContactId: contact.id,
        convertedOpportunityId: opportunity.id,
      };
      leads.validate({ ...lead, ...converted });
      // The lead's campaign memberships move to the funnel's last stage with it (see lead-campaign-members.ts).
      const members = await memberships.plan(lead.id, at);

      // RxDB has no cross-collection transaction: write in order and undo what was written if a later write fails.
      const undo: Array<() => Promise<unknown>> = [];
      try {
        if (account) {
          const created = await accounts.insert(account);
          undo.push(() => accounts.collection.findOne(created.id).remove());
        }
        await contacts.insert(contact);
        undo.push(() => contacts.collection.findOne(contact.id).remove());
        await opportunities.insert(opportunity);
        undo.push(() => opportunities.collection.findOne(opportunity.id).remove());
        const updated = await leads.modify(lead.id, (current) => {
          if (current.status === 'converted') throw new HandlerError('conflict', 'The lead was converted meanwhile');
          return { ...current, ...converted };
        });
        undo.push(() =>
          leads.modify(lead.id, (current) => {
            const back: Record<string, unknown> = { ...current, status: lead.status };
            for (const field of Object.keys(converted)) if (field !== 'status') delete back[field];
            return back as Lead;
          }),
        );
        await memberships.write(members, lead.id, at);
        return ok({ lead: withScore(updated), accountId, contactId: contact.id, opportunityId: opportunity.id });
      } catch (error) {
        for (const step of undo.reverse()) await step();
        if (error instanceof HandlerError) throw error;
        throw new HandlerError('internal', `Conversion failed and was undone: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  });
}

function pick<T extends object, K extends keyof T>(source: T, keys: ReadonlyArray<K>): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
