import type { DuplicateCandidateRow, DuplicateMatchReason } from '../../../../shared/contract/customers/duplicates-requests';
import type { DuplicateReason, LeadAccountCandidate } from '../../../../shared/contract/sales/leads-requests';
import type { Account, Lead } from '../../../../shared/schemas';
import type { CrmDatabase } from '../../db/open-crm-database';
import { contactName } from './duplicate-source';
import type { ExistingDuplicates } from './import-duplicates';

/** A conversion dialog lists a few; more than this is not a warning but a search. */
const MAX_LEAD_CANDIDATES = 10;
const LEAD_PROBE_ID = '\u0000lead';

/** The engine's evidence in the words the conversion dialog already shows (city and account say nothing there). */
const LEAD_REASON: Readonly<Partial<Record<DuplicateMatchReason, DuplicateReason>>> = {
  same_name: 'name',
  similar_name: 'name',
  same_email: 'domain',
  same_domain: 'domain',
  same_phone: 'phone',
};

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

/**
 * The accounts and contacts a lead's conversion may duplicate, from the duplicate engine: the
 * company (name, mail domain, phone, place) against the accounts, the person against the contacts.
 */
export async function leadDuplicates(
  db: CrmDatabase,
  lead: Pick<Lead, 'company' | 'firstName' | 'lastName' | 'email' | 'phone' | 'city' | 'country'>,
  engine: ExistingDuplicates,
): Promise<{ accounts: LeadAccountCandidate[]; contacts: DuplicateCandidateRow[] }> {
  const place = { ...optional('city', lead.city), ...optional('country', lead.country) };
  const reach = { ...optional('email', lead.email), ...optional('phone', lead.phone) };
  const company = lead.company?.trim();
  const accountRows = company
    ? ((await engine.candidatesForMany('account', [{ id: LEAD_PROBE_ID, name: company, ...reach, ...place }], MAX_LEAD_CANDIDATES)).get(
        LEAD_PROBE_ID,
      ) ?? [])
    : [];
  const person = contactName(lead);
  const contacts =
    (await engine.candidatesForMany('contact', [{ id: LEAD_PROBE_ID, name: person, ...reach, ...place }], MAX_LEAD_CANDIDATES)).get(
      LEAD_PROBE_ID,
    ) ?? [];

  const docs = accountRows.length > 0 ? await db.accounts.findByIds(accountRows.map((row) => row.id)).exec() : new Map();
  const accounts: LeadAccountCandidate[] = [];
  for (const row of accountRows) {
    const doc = docs.get(row.id);
    if (!doc) continue;
    const account = doc.toJSON(false) as Account;
    accounts.push({
      id: account.id,
      name: account.name,
      ownerId: account.ownerId,
      reasons: [...new Set(row.reasons.flatMap((reason) => LEAD_REASON[reason] ?? []))],
      score: row.score,
      matchReasons: row.reasons,
      ...optional('city', account.city),
      ...optional('country', account.country),
      ...optional('domain', account.domain),
      ...optional('phone', account.phone),
    });
  }
  return { accounts, contacts };
}

/**
 * The engine's accounts first (likeliest first), joined with the exact-evidence finder's
 * (lead-duplicates.ts): an account both found keeps the reasons of both; one only the exact rule
 * found follows the engine's.
 */
export function mergeLeadCandidates(
  engine: ReadonlyArray<LeadAccountCandidate>,
  evidence: ReadonlyArray<LeadAccountCandidate>,
): LeadAccountCandidate[] {
  const byId = new Map(evidence.map((candidate) => [candidate.id, candidate]));
  const out: LeadAccountCandidate[] = engine.map((candidate) => {
    const exact = byId.get(candidate.id);
    return exact ? { ...candidate, reasons: [...new Set([...exact.reasons, ...candidate.reasons])] } : candidate;
  });
  const seen = new Set(out.map((candidate) => candidate.id));
  for (const candidate of evidence) if (!seen.has(candidate.id)) out.push(candidate);
  return out.slice(0, MAX_LEAD_CANDIDATES);
}
