import type { Stored } from '../../../shared/contract';
import type { CaseRecord } from '../../../shared/contract/service/cases-requests';
import type { Account, Case, Contact } from '../../../shared/schemas';
import { toStored } from '../db/validated-documents';
import type { ServiceDeps } from './service-deps';
import type { SlaReference } from './sla-reference';
import { usersOf } from './user-directory';
import { contactName } from '../../../shared/schemas/contact-name';

export { contactName };

/**
 * Cases as lists and pages show them: each with its SLA at `now` and the names of its account,
 * contact and assignee, read for the whole batch at once (one lookup per collection).
 */
export async function toCaseRecords(
  deps: ServiceDeps,
  cases: ReadonlyArray<Stored<Case>>,
  ref: SlaReference,
  now: number,
): Promise<CaseRecord[]> {
  if (cases.length === 0) return [];
  const contactIds = [...new Set(cases.flatMap((c) => (c.contactId ? [c.contactId] : [])))];
  const missingAccounts = [...new Set(cases.map((c) => c.accountId))].filter((id) => deps.cases.accountName(id) === undefined);
  const [contacts, accounts, users] = await Promise.all([
    contactIds.length > 0 ? deps.db.contacts.findByIds(contactIds).exec() : new Map(),
    missingAccounts.length > 0 ? deps.db.accounts.findByIds(missingAccounts).exec() : new Map(),
    usersOf(deps.db),
  ]);
  const me = deps.actor.ownerId;
  return cases.map((c) => {
    const account = accounts.get(c.accountId)?.toJSON() as Account | undefined;
    const tier = deps.cases.accountTier(c.accountId) ?? account?.tier;
    const contact = c.contactId ? (contacts.get(c.contactId)?.toJSON() as Contact | undefined) : undefined;
    return {
      ...c,
      sla: ref.slaOf(c, tier, now),
      accountName: deps.cases.accountName(c.accountId) ?? account?.name ?? c.accountId,
      contactName: contact ? contactName(contact) : null,
      assigneeName: c.assigneeId ? (users.get(c.assigneeId)?.name ?? c.assigneeId) : null,
      mine: c.assigneeId === me,
    };
  });
}

/** The stored cases with these ids, in the order given; ids deleted meanwhile are left out. */
export async function loadCases(deps: ServiceDeps, ids: ReadonlyArray<string>): Promise<Stored<Case>[]> {
  if (ids.length === 0) return [];
  const docs = await deps.db.cases.findByIds([...ids]).exec();
  const out: Stored<Case>[] = [];
  for (const id of ids) {
    const doc = docs.get(id);
    if (doc) out.push(toStored(doc) as Stored<Case>);
  }
  return out;
}
