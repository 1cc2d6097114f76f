import { userInfo } from 'node:os';
import type { QuoteDocument } from '../../../shared/contract/reports/report-requests';
import type { QuotePrint } from '../../../shared/contract/sales/quotes-requests';
import type { Contact, OrgDoc, Quote, SalesDoc } from '../../../shared/schemas';
import type { CrmDatabase } from '../db/open-crm-database';

/**
 * A quote by its id or by the number printed on it (any letter case): the number names every
 * revision, so it finds the newest one. Null when neither matches.
 */
export async function findQuote(db: CrmDatabase, idOrNumber: string): Promise<Quote | null> {
  const key = idOrNumber.trim();
  if (key === '') return null;
  const byId = (await db.sales_docs.findOne(key).exec())?.toMutableJSON() as SalesDoc | undefined;
  if (byId?.kind === 'quote') return byId;
  // No index leads with the number; the kind index narrows the read to quotes.
  const revisions = await db.sales_docs.find({ selector: { kind: 'quote', quoteNumber: key.toUpperCase() } }).exec();
  let newest: Quote | null = null;
  for (const doc of revisions) {
    const quote = doc.toMutableJSON() as SalesDoc;
    if (quote.kind === 'quote' && (!newest || quote.version > newest.version)) newest = quote;
  }
  return newest;
}

/** The account, contact, deal and rep names a customer-facing quote prints. */
export async function quoteDocument(db: CrmDatabase, quote: Quote): Promise<QuoteDocument> {
  const print = await quotePrint(db, quote);
  return {
    quote: print.quote,
    accountName: print.accountName,
    contactName: print.contactName,
    opportunityName: print.opportunityName,
    ownerName: print.ownerName,
  };
}

/**
 * Everything the printed quote shows. The rep is the quote owner's user record in the org data;
 * a quote made before the first sign-in belongs to the local user, who has no such record, and
 * prints the name of the computer account instead. The seller company is the org's top team
 * (the one an admin manages) from the same synced org data, so every rep's quotes print the same
 * name; null when the org data holds none (a fresh install before the first sync).
 */
export async function quotePrint(db: CrmDatabase, quote: Quote): Promise<QuotePrint> {
  const [account, contact, opportunity, owner, people] = await Promise.all([
    db.accounts.findOne(quote.accountId).exec(),
    quote.contactId ? db.contacts.findOne(quote.contactId).exec() : Promise.resolve(null),
    db.opportunities.findOne(quote.opportunityId).exec(),
    db.org.findOne(quote.ownerId).exec(),
    db.org.find({ selector: { kind: { $in: ['team', 'user'] } } }).exec(),
  ]);
  const person: Contact | undefined = contact?.toMutableJSON();
  const user = owner?.toJSON() as OrgDoc | undefined;
  const org = people.map((doc) => doc.toJSON() as OrgDoc);
  const admins = new Set(org.flatMap((doc) => (doc.kind === 'user' && doc.role === 'admin' ? [doc.id] : [])));
  const top = org.find((doc) => doc.kind === 'team' && doc.managerId !== undefined && admins.has(doc.managerId));
  // The rep's own team (a quote made before sign-in carries the local team, which is no real one).
  const teamId = user?.kind === 'user' ? user.teamId : quote.teamId;
  const team = org.find((doc) => doc.kind === 'team' && doc.id === teamId);
  return {
    quote,
    accountName: account?.name ?? '—',
    contactName: person ? [person.firstName, person.lastName].filter(Boolean).join(' ') : null,
    opportunityName: opportunity?.name ?? null,
    ownerName: user?.kind === 'user' ? user.name : localProfileName(),
    ownerTitle: user?.kind === 'user' ? (user.title ?? null) : null,
    ownerEmail: user?.kind === 'user' ? user.email : null,
    teamName: team?.kind === 'team' && team.id !== top?.id ? team.name : null,
    sellerCompany: top?.kind === 'team' ? top.name : null,
  };
}

/** The operating-system account's name: what "the local profile" is before any sign-in. */
function localProfileName(): string {
  try {
    return userInfo().username;
  } catch {
    // Some containers have no passwd entry for the user; the quote then prints no name.
    return '—';
  }
}
