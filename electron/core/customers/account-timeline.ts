import type { RxDocument } from 'rxdb';
import type { Stored } from '../../../shared/contract';
import type {
  AccountDeal,
  AccountDeals,
  AccountTimeline,
  TimelineEntry,
} from '../../../shared/contract/customers/account-timeline-requests';
import type { Activity, MarketingDoc, Opportunity, OutboxMessage } from '../../../shared/schemas';
import type { CrmDatabase } from '../db/open-crm-database';
import { toStored } from '../db/validated-documents';

const CLOSED_STAGES = new Set(['closed_won', 'closed_lost']);

/**
 * Every read below is an equality on `accountId` (or `contactId` for activities), the leading field
 * of the index it names ([accountId, closeDate], [accountId, updatedAt], [accountId, openedAt],
 * [accountId|contactId, dueAt]), so the cost grows with one customer's records, never with the
 * database. Filters on other fields (kind, done, contact) run on those few rows: with them in the
 * selector RxDB's planner could pick an index led by that field and scan the whole collection.
 */

/** The account's deals, open soonest first, closed latest first; with `contactId` only theirs. */
export async function accountDeals(
  db: CrmDatabase,
  accountId: string,
  contactId: string | undefined,
  closedLimit: number,
): Promise<AccountDeals> {
  const docs = await db.opportunities
    .find({ selector: { accountId }, sort: [{ closeDate: 'asc' }], index: ['accountId', 'closeDate'] })
    .exec();
  const deals = docs.filter((doc) => contactId === undefined || doc.primaryContactId === contactId).map(toDeal);
  const closed = deals.filter((deal) => CLOSED_STAGES.has(deal.stage)).reverse();
  return {
    open: deals.filter((deal) => !CLOSED_STAGES.has(deal.stage)),
    closed: closed.slice(0, closedLimit),
    closedTotal: closed.length,
  };
}

/** Done activities, deal, quote and case events and outbox e-mails of one account (or one contact there), newest first. */
export async function accountTimeline(
  db: CrmDatabase,
  accountId: string,
  contactId: string | undefined,
  limit: number,
): Promise<AccountTimeline> {
  const mine = (doc: { readonly contactId?: string | undefined }): boolean => contactId === undefined || doc.contactId === contactId;
  const [activities, opportunities, salesDocs, cases] = await Promise.all([
    contactId === undefined
      ? db.activities.find({ selector: { accountId }, index: ['accountId', 'dueAt'] }).exec()
      : db.activities.find({ selector: { contactId }, index: ['contactId', 'dueAt'] }).exec(),
    db.opportunities.find({ selector: { accountId }, index: ['accountId', 'closeDate'] }).exec(),
    db.sales_docs.find({ selector: { accountId }, index: ['accountId', 'updatedAt'] }).exec(),
    db.cases.find({ selector: { accountId }, index: ['accountId', 'openedAt'] }).exec(),
  ]);
  const emails = await outboxMessagesTo(db, accountId, contactId);

  const entries: TimelineEntry[] = [];
  for (const doc of activities) {
    if (doc.done) entries.push({ kind: 'activity', id: `activity:${doc.id}`, at: doc.dueAt ?? doc.createdAt, activity: toActivity(doc) });
  }
  for (const opp of opportunities) {
    if (contactId !== undefined && opp.primaryContactId !== contactId) continue;
    const deal = { kind: 'deal', dealId: opp.id, name: opp.name, amount: opp.amount, currency: opp.currency } as const;
    entries.push({ ...deal, event: 'created', id: `deal:${opp.id}:created`, at: opp.createdAt });
    if (CLOSED_STAGES.has(opp.stage)) {
      const event = opp.stage === 'closed_won' ? 'won' : 'lost';
      entries.push({ ...deal, event, id: `deal:${opp.id}:${event}`, at: closedAt(opp) });
    }
  }
  for (const doc of salesDocs) {
    if (doc.kind !== 'quote' || !mine(doc)) continue;
    const quote = {
      kind: 'quote',
      quoteId: doc.id,
      opportunityId: doc.opportunityId,
      quoteNumber: doc.quoteNumber,
      version: doc.version,
      total: doc.total,
      currency: doc.currency,
    } as const;
    if (doc.sentAt !== undefined) entries.push({ ...quote, event: 'sent', id: `quote:${doc.id}:sent`, at: doc.sentAt });
    if (doc.status === 'accepted') {
      entries.push({ ...quote, event: 'accepted', id: `quote:${doc.id}:accepted`, at: doc.decidedAt ?? doc.updatedAt });
    }
  }
  for (const doc of cases) {
    if (!mine(doc)) continue;
    const base = { kind: 'case', caseId: doc.id, caseNumber: doc.caseNumber, subject: doc.subject, priority: doc.priority } as const;
    entries.push({ ...base, event: 'opened', id: `case:${doc.id}:opened`, at: doc.openedAt });
    if (doc.resolvedAt !== undefined) entries.push({ ...base, event: 'resolved', id: `case:${doc.id}:resolved`, at: doc.resolvedAt });
  }

  for (const message of emails) {
    entries.push({
      kind: 'email',
      id: `email:${message.id}`,
      at: message.sentAt ?? message.queuedAt,
      messageId: message.id,
      subject: message.subject,
      status: message.status,
      ...(message.opportunityId !== undefined ? { opportunityId: message.opportunityId } : {}),
      ...(message.campaignId !== undefined ? { campaignId: message.campaignId } : {}),
    });
  }

  entries.sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { entries: entries.slice(0, limit), total: entries.length };
}

/**
 * E-mails from the outbox to the contact, or to any contact of the account: read through the
 * marketing collection's [contactId, campaignId] index, one equality per contact.
 */
async function outboxMessagesTo(db: CrmDatabase, accountId: string, contactId: string | undefined): Promise<OutboxMessage[]> {
  const contactIds =
    contactId !== undefined
      ? [contactId]
      : (await db.contacts.find({ selector: { accountId }, index: ['accountId', 'lastName'] }).exec()).map((doc) => doc.id);
  if (contactIds.length === 0) return [];
  // One query per contact: RxDB plans an $in as one range from the smallest id to the largest,
  // which with random ids is most of the index.
  const perContact = await Promise.all(
    contactIds.map((id) => db.marketing.find({ selector: { contactId: id }, index: ['contactId', 'campaignId'] }).exec()),
  );
  return perContact
    .flat()
    .map((doc) => doc.toJSON() as MarketingDoc)
    .filter((doc): doc is OutboxMessage => doc.kind === 'outbox_message');
}

/** When the deal closed: its own timestamp, else the stage change that closed it, else the planned date. */
function closedAt(opp: Opportunity): number {
  if (opp.closedAt !== undefined) return opp.closedAt;
  const change = opp.stageHistory.findLast((entry) => entry.stage === opp.stage);
  return change?.at ?? Date.parse(`${opp.closeDate}T12:00:00Z`);
}

function toDeal(doc: RxDocument<Opportunity>): AccountDeal {
  return {
    id: doc.id,
    name: doc.name,
    stage: doc.stage,
    amount: doc.amount,
    currency: doc.currency,
    closeDate: doc.closeDate,
    ownerId: doc.ownerId,
    ...(doc.primaryContactId === undefined ? {} : { primaryContactId: doc.primaryContactId }),
  };
}

function toActivity(doc: RxDocument<Activity>): Stored<Activity> {
  return toStored(doc);
}
