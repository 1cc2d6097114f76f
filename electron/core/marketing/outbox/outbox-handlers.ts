import { randomUUID } from 'node:crypto';
import type { RxCollection } from 'rxdb';
import { ok, type Stored } from '../../../../shared/contract';
import type { OutboxCounts, OutboxRecord } from '../../../../shared/contract/marketing/outbox-requests';
import type { Account, Campaign, Contact, Lead, MarketingDoc, OutboxMessage } from '../../../../shared/schemas';
import { OUTBOX_STATUSES } from '../../../../shared/schemas/marketing';
import type { StoreDeps } from '../../customers/record-store';
import { documentChecks, toStored } from '../../db/validated-documents';
import { defineHandlers } from '../../rpc/dispatcher';
import { HandlerError } from '../../rpc/handler-error';
import { queueCampaign } from './queue-campaign';
import { contactRecipient, describeErrors, leadRecipient, renderDraft, repOf, type ResolvedRecipient } from './outbox-render';

/**
 * The offline outbox: messages are rendered here (merge fields filled, the opt-out link a
 * placeholder) and written as `outbox_message` documents of the marketing collection, which sync
 * like any other; the sync server sends them and writes each result back.
 */
export function createOutboxHandlers(deps: StoreDeps, options: { readonly newId?: () => string } = {}) {
  const newId = options.newId ?? randomUUID;
  const marketing = deps.db.marketing as unknown as RxCollection<MarketingDoc>;
  const { validate } = documentChecks('marketing', marketing, 'marketing record');

  const findOne = async <T>(collection: 'contacts' | 'accounts' | 'leads' | 'marketing' | 'opportunities', id: string) =>
    (await deps.db[collection].findOne(id).exec())?.toJSON() as T | undefined;

  const mustContact = async (id: string): Promise<Contact> => {
    const contact = await findOne<Contact>('contacts', id);
    if (!contact) throw new HandlerError('not_found', `No contact with id ${id}`);
    return contact;
  };

  const contactTarget = async (contact: Contact, repId: string): Promise<ResolvedRecipient> =>
    contactRecipient(contact, await findOne<Account>('accounts', contact.accountId), await repOf(deps.db, repId));

  /** A preview's recipient: a contact or lead (the actor sends), or a campaign member (its campaign's owner sends). */
  const previewTarget = async (recipient: { contactId: string } | { leadId: string } | { memberId: string }) => {
    if ('contactId' in recipient) return contactTarget(await mustContact(recipient.contactId), deps.actor.ownerId);
    if ('leadId' in recipient) {
      const lead = await findOne<Lead>('leads', recipient.leadId);
      if (!lead) throw new HandlerError('not_found', `No lead with id ${recipient.leadId}`);
      return leadRecipient(lead, await repOf(deps.db, deps.actor.ownerId));
    }
    const member = await findOne<MarketingDoc>('marketing', recipient.memberId);
    if (member?.kind !== 'campaign_member') throw new HandlerError('not_found', `No campaign member with id ${recipient.memberId}`);
    const campaign = await findOne<Campaign>('marketing', member.campaignId);
    const repId = campaign?.ownerId ?? deps.actor.ownerId;
    if (member.contactId !== undefined) return contactTarget(await mustContact(member.contactId), repId);
    const lead = member.leadId === undefined ? undefined : await findOne<Lead>('leads', member.leadId);
    if (!lead) throw new HandlerError('not_found', `The member's lead ${member.leadId ?? ''} is not on this device`);
    return leadRecipient(lead, await repOf(deps.db, repId));
  };

  /** Campaign and account names for a page of messages, read once per page. */
  const toRecords = async (messages: ReadonlyArray<Stored<OutboxMessage>>): Promise<OutboxRecord[]> => {
    const campaignIds = [...new Set(messages.flatMap((m) => (m.campaignId ? [m.campaignId] : [])))];
    const accountIds = [...new Set(messages.flatMap((m) => (m.accountId ? [m.accountId] : [])))];
    const [campaigns, accounts] = await Promise.all([
      campaignIds.length ? deps.db.marketing.findByIds(campaignIds).exec() : new Map(),
      accountIds.length ? deps.db.accounts.findByIds(accountIds).exec() : new Map(),
    ]);
    return messages.map((message) => ({
      ...message,
      campaignName: (message.campaignId && (campaigns.get(message.campaignId) as { name?: string } | undefined)?.name) || null,
      accountName: (message.accountId && (accounts.get(message.accountId) as { name?: string } | undefined)?.name) || null,
    }));
  };

  const messageSelector = (filter: {
    status?: ReadonlyArray<string> | undefined;
    campaignId?: string | undefined;
    contactId?: string | undefined;
    opportunityId?: string | undefined;
  }) => ({
    kind: 'outbox_message' as const,
    // One status as an equality: RxDB's planner then ranges the [kind, status, queuedAt] index on
    // both fields (an $in it ranges on `kind` alone, and every message would be read to count).
    ...(filter.status ? { status: filter.status.length === 1 ? filter.status[0] : { $in: [...filter.status] } } : {}),
    ...(filter.campaignId !== undefined ? { campaignId: filter.campaignId } : {}),
    ...(filter.contactId !== undefined ? { contactId: filter.contactId } : {}),
    ...(filter.opportunityId !== undefined ? { opportunityId: filter.opportunityId } : {}),
  });

  return defineHandlers({
    'outbox.preview': async ({ draft, recipient }) => {
      const target = await previewTarget(recipient);
      const rendered = renderDraft(draft, target.merge);
      if (!rendered.ok) return ok({ ok: false as const, errors: rendered.errors });
      return ok({
        ok: true as const,
        to: target.to,
        toName: target.toName,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        optedOut: target.optedOut,
      });
    },

    'outbox.queueCampaign': async ({ campaignId, draft, memberIds }) =>
      ok(await queueCampaign(deps, { campaignId, draft, memberIds, newId, validate })),

    'outbox.queueFollowUp': async ({ contactId, opportunityId, draft }) => {
      const contact = await mustContact(contactId);
      if (contact.doNotContact) {
        throw new HandlerError('invalid_state', `${contact.lastName} opted out of e-mail; nothing was queued`, 'opted_out');
      }
      if (!contact.email)
        throw new HandlerError('invalid_state', `${contact.lastName} has no e-mail address; nothing was queued`, 'no_address');
      if (opportunityId !== undefined && !(await findOne('opportunities', opportunityId))) {
        throw new HandlerError('not_found', `No deal with id ${opportunityId}`);
      }
      const target = await contactTarget(contact, deps.actor.ownerId);
      const rendered = renderDraft(draft, target.merge);
      if (!rendered.ok) throw new HandlerError('invalid_request', `The e-mail does not render: ${describeErrors(rendered.errors)}`);
      const at = deps.now();
      const message = validate({
        id: newId(),
        ownerId: deps.actor.ownerId,
        teamId: deps.actor.teamId,
        createdAt: at,
        updatedAt: at,
        kind: 'outbox_message',
        to: contact.email,
        ...(target.toName ? { toName: target.toName } : {}),
        contactId: contact.id,
        accountId: contact.accountId,
        ...(opportunityId !== undefined ? { opportunityId } : {}),
        ...(draft.templateId !== undefined ? { templateId: draft.templateId } : {}),
        language: draft.language,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        status: 'queued',
        queuedAt: at,
        attempts: 0,
      } satisfies OutboxMessage) as OutboxMessage;
      const stored = toStored(await marketing.insert(message));
      return ok((await toRecords([stored as Stored<OutboxMessage>]))[0] as OutboxRecord);
    },

    'outbox.list': async ({ status, campaignId, contactId, opportunityId, offset, limit }) => {
      const selector = messageSelector({ status, campaignId, contactId, opportunityId });
      const [docs, total] = await Promise.all([
        marketing.find({ selector, sort: [{ queuedAt: 'desc' }, { id: 'asc' }], skip: offset, limit }).exec(),
        marketing.count({ selector }).exec(),
      ]);
      const rows = await toRecords(docs.map((doc) => toStored(doc) as Stored<OutboxMessage>));
      return ok({ rows, total, offset });
    },

    'outbox.counts': async ({ campaignId }) => {
      const counts = await Promise.all(
        OUTBOX_STATUSES.map((status) => marketing.count({ selector: messageSelector({ status: [status], campaignId }) }).exec()),
      );
      return ok(Object.fromEntries(OUTBOX_STATUSES.map((status, i) => [status, counts[i] ?? 0])) as OutboxCounts);
    },

    'outbox.cancel': async ({ id }) => {
      const doc = await marketing.findOne(id).exec();
      const current = doc?.toJSON() as MarketingDoc | undefined;
      if (!doc || current?.kind !== 'outbox_message') throw new HandlerError('not_found', `No outbox message with id ${id}`);
      if (current.status !== 'queued') {
        throw new HandlerError('invalid_state', `Only a queued message can be cancelled; this one is ${current.status}`, 'not_queued');
      }
      const at = deps.now();
      const updated = await doc.incrementalModify((data) => {
        const message = data as OutboxMessage;
        // The server may have claimed it meanwhile (a pull landed between the read and this write).
        if (message.status !== 'queued') return data;
        validate({ ...message, status: 'cancelled', updatedAt: Math.max(at, message.updatedAt) });
        return { ...message, status: 'cancelled', updatedAt: Math.max(at, message.updatedAt) } as never;
      });
      const stored = toStored(updated) as Stored<OutboxMessage>;
      if (stored.status !== 'cancelled') {
        throw new HandlerError('invalid_state', `Only a queued message can be cancelled; this one is ${stored.status}`, 'not_queued');
      }
      return ok((await toRecords([stored]))[0] as OutboxRecord);
    },
  });
}
