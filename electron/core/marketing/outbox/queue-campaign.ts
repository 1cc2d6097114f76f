import type { RxCollection } from 'rxdb';
import type { CampaignQueueResult, EmailDraft } from '../../../../shared/contract/marketing/outbox-requests';
import type { Account, CampaignMember, Contact, Lead, MarketingDoc, OutboxMessage } from '../../../../shared/schemas';
import type { StoreDeps } from '../../customers/record-store';
import { HandlerError } from '../../rpc/handler-error';
import { contactRecipient, describeErrors, leadRecipient, renderDraft, repOf } from './outbox-render';

/** Rows per bulk write: large enough that 20,000 members take a few dozen transactions. */
const BATCH = 1_000;

/** A member whose campaign message is on its way or went out is not queued again. */
const LIVE_MESSAGE_STATUSES = new Set(['queued', 'sending', 'sent']);

export type QueueCampaignInput = {
  readonly campaignId: string;
  readonly draft: EmailDraft;
  readonly memberIds?: ReadonlyArray<string> | undefined;
  readonly newId: () => string;
  readonly validate: (candidate: object) => MarketingDoc;
};

/**
 * One rendered message per member with an address who has not opted out, and the member's
 * `messageId` pointing at it, written in bulk: reads are one query per collection, writes one
 * bulk insert and one bulk upsert per batch of members.
 */
export async function queueCampaign(deps: StoreDeps, input: QueueCampaignInput): Promise<CampaignQueueResult> {
  const { db } = deps;
  const marketing = db.marketing as unknown as RxCollection<MarketingDoc>;
  const campaignDoc = await marketing.findOne(input.campaignId).exec();
  const campaign = campaignDoc?.toJSON() as MarketingDoc | undefined;
  if (campaign?.kind !== 'campaign') throw new HandlerError('not_found', `No campaign with id ${input.campaignId}`);

  // A draft that does not render for anyone renders for no one: refuse before writing anything.
  const check = renderDraft(input.draft, {});
  if (!check.ok) throw new HandlerError('invalid_request', `The e-mail does not render: ${describeErrors(check.errors)}`);

  const [memberDocs, messageDocs, rep] = await Promise.all([
    marketing.find({ selector: { campaignId: campaign.id, kind: 'campaign_member' } }).exec(),
    marketing.find({ selector: { campaignId: campaign.id, kind: 'outbox_message' } }).exec(),
    repOf(db, campaign.ownerId),
  ]);
  const wanted = input.memberIds ? new Set(input.memberIds) : undefined;
  const members = memberDocs.map((doc) => doc.toJSON() as CampaignMember).filter((m) => !wanted || wanted.has(m.id));
  if (wanted && members.length < wanted.size) {
    const known = new Set(members.map((m) => m.id));
    const missing = [...wanted].filter((id) => !known.has(id)).slice(0, 3);
    throw new HandlerError('not_found', `Not members of ${campaign.name}: ${missing.join(', ')}`);
  }
  const busy = new Set(
    messageDocs
      .map((doc) => doc.toJSON() as OutboxMessage)
      .filter((m) => LIVE_MESSAGE_STATUSES.has(m.status) && m.memberId !== undefined)
      .map((m) => m.memberId as string),
  );

  const contactIds = [...new Set(members.flatMap((m) => (m.contactId ? [m.contactId] : [])))];
  const leadIds = [...new Set(members.flatMap((m) => (m.leadId ? [m.leadId] : [])))];
  const [contacts, leads] = await Promise.all([
    contactIds.length ? db.contacts.findByIds(contactIds).exec() : new Map(),
    leadIds.length ? db.leads.findByIds(leadIds).exec() : new Map(),
  ]);
  const accountIds = [...new Set([...contacts.values()].map((doc) => (doc as { accountId: string }).accountId))];
  const accounts = accountIds.length ? await db.accounts.findByIds(accountIds).exec() : new Map();

  const result = { queued: 0, skippedOptedOut: 0, skippedNoAddress: 0, skippedAlreadyQueued: 0 };
  const at = deps.now();
  let messages: OutboxMessage[] = [];
  let touched: CampaignMember[] = [];
  const flush = async (): Promise<void> => {
    if (messages.length === 0) return;
    const inserted = await marketing.bulkInsert(messages);
    if (inserted.error.length > 0)
      throw new HandlerError('internal', `Queueing failed: ${inserted.error.length} messages were not written`);
    const upserted = await marketing.bulkUpsert(touched as MarketingDoc[]);
    if (upserted.error.length > 0) throw new HandlerError('internal', `Queueing failed: ${upserted.error.length} members were not updated`);
    messages = [];
    touched = [];
  };

  for (const member of members) {
    if (busy.has(member.id)) {
      result.skippedAlreadyQueued++;
      continue;
    }
    const contactDoc = member.contactId ? contacts.get(member.contactId) : undefined;
    const leadDoc = member.leadId ? leads.get(member.leadId) : undefined;
    const target = contactDoc
      ? contactRecipient(
          contactDoc.toJSON() as Contact,
          accounts.get((contactDoc as { accountId: string }).accountId)?.toJSON() as Account | undefined,
          rep,
        )
      : leadDoc
        ? leadRecipient(leadDoc.toJSON() as Lead, rep)
        : undefined;
    if (target?.optedOut) {
      result.skippedOptedOut++;
      continue;
    }
    if (!target?.to) {
      result.skippedNoAddress++;
      continue;
    }
    const rendered = renderDraft(input.draft, target.merge);
    if (!rendered.ok) throw new HandlerError('invalid_request', `The e-mail does not render: ${describeErrors(rendered.errors)}`);
    const message = input.validate({
      id: input.newId(),
      ownerId: deps.actor.ownerId,
      teamId: deps.actor.teamId,
      createdAt: at,
      updatedAt: at,
      kind: 'outbox_message',
      to: target.to,
      ...(target.toName ? { toName: target.toName } : {}),
      ...(target.contactId ? { contactId: target.contactId } : {}),
      ...(target.leadId ? { leadId: target.leadId } : {}),
      ...(target.accountId ? { accountId: target.accountId } : {}),
      campaignId: campaign.id,
      memberId: member.id,
      ...(input.draft.templateId !== undefined ? { templateId: input.draft.templateId } : {}),
      language: input.draft.language,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      status: 'queued',
      queuedAt: at,
      attempts: 0,
    } satisfies OutboxMessage) as OutboxMessage;
    messages.push(message);
    const next = { ...member, messageId: message.id, updatedAt: Math.max(at, member.updatedAt) } as CampaignMember;
    input.validate(next);
    touched.push(next);
    result.queued++;
    if (messages.length >= BATCH) await flush();
  }
  await flush();
  return result;
}
