import type { RxCollection } from 'rxdb';
import type { DuplicateReason, LeadAccountCandidate } from '../../../shared/contract/sales/leads-requests';
import type { Account, Lead } from '../../../shared/schemas';
import type { SearchIndex } from '../search';

/** Legal-form words that say nothing about which company it is ("Acme Ltd" is "ACME Limited"). */
const LEGAL_FORMS = new Set([
  'ltd',
  'limited',
  'inc',
  'incorporated',
  'llc',
  'llp',
  'lp',
  'gmbh',
  'ag',
  'kg',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'co',
  'corp',
  'corporation',
  'company',
  'plc',
  'pty',
  'kk',
  'oy',
  'ab',
  'as',
  'group',
]);
/** The same for Chinese names, matched at the end of the name ("上海某某科技有限公司"). */
const CJK_LEGAL_SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '集团', '公司'];

/**
 * Mail providers anyone can sign up to: sharing one says nothing about sharing a company, so these
 * domains never count as evidence.
 */
const PUBLIC_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'qq.com',
  '163.com',
  '126.com',
  'sina.com',
  'foxmail.com',
  'yeah.net',
  'example.com',
]);

/** Phone numbers match on their last digits, so "+49 30 1234567" and "030 1234567" agree. */
const PHONE_SUFFIX_DIGITS = 8;
/** Accounts looked at per kind of evidence; the full-text index ranks the likeliest first. */
const HITS_PER_QUERY = 50;
/** A dialog lists a few; more than this is not a duplicate warning but a search. */
export const MAX_CANDIDATES = 10;

/** "ACME Corp." and "Acme Corporation" both become "acme"; case, width, punctuation and legal form do not count. */
export function normaliseCompanyName(name: string): string {
  let text = name.normalize('NFKC').toLowerCase().trim();
  for (const suffix of CJK_LEGAL_SUFFIXES) {
    if (text.endsWith(suffix) && text.length > suffix.length) {
      text = text.slice(0, -suffix.length);
      break;
    }
  }
  const words = text
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word.length > 0);
  const kept = words.filter((word) => !LEGAL_FORMS.has(word));
  return (kept.length > 0 ? kept : words).join(' ');
}

/** The company part of an e-mail address, or undefined for public mail providers. */
export function companyMailDomain(email: string | undefined): string | undefined {
  const at = email?.lastIndexOf('@') ?? -1;
  if (!email || at < 0) return undefined;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase();
  return domain.includes('.') && !PUBLIC_MAIL_DOMAINS.has(domain) ? domain : undefined;
}

function phoneKey(phone: string | undefined): string | undefined {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= PHONE_SUFFIX_DIGITS ? digits.slice(-PHONE_SUFFIX_DIGITS) : undefined;
}

function domainOf(account: Account): string | undefined {
  const domain = account.domain
    ?.trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/.*$/, '');
  return domain || companyMailDomain(account.email);
}

/** The evidence that `account` is the lead's company; empty when there is none. */
export function duplicateReasons(lead: Pick<Lead, 'company' | 'email' | 'phone'>, account: Account): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  const name = lead.company ? normaliseCompanyName(lead.company) : '';
  if (name && normaliseCompanyName(account.name) === name) reasons.push('name');
  const domain = companyMailDomain(lead.email);
  if (domain && (domainOf(account) === domain || companyMailDomain(account.email) === domain)) reasons.push('domain');
  const phone = phoneKey(lead.phone);
  if (phone && phoneKey(account.phone) === phone) reasons.push('phone');
  return reasons;
}

/**
 * Existing accounts that look like the lead's company. Candidates come from the full-text index
 * (name words, the mail domain, the phone digits) and the exact-name index, never from a scan;
 * `duplicateReasons` then decides which of them count, so the rule lives in this one function.
 */
export async function findAccountCandidates(
  lead: Pick<Lead, 'company' | 'email' | 'phone'>,
  search: SearchIndex,
  accounts: RxCollection<Account>,
): Promise<LeadAccountCandidate[]> {
  const ids = new Set<string>();
  const lookFor = (text: string | undefined): void => {
    if (!text) return;
    for (const hit of search.search(text, { types: ['account'], limit: HITS_PER_QUERY })) ids.add(hit.id);
  };
  lookFor(lead.company ? normaliseCompanyName(lead.company) : undefined);
  lookFor(companyMailDomain(lead.email));
  // The last digits, so a number written with or without its country or area prefix is found.
  lookFor(phoneKey(lead.phone));
  if (lead.company) {
    for (const doc of await accounts.find({ selector: { name: lead.company.trim() }, limit: HITS_PER_QUERY }).exec()) ids.add(doc.id);
  }
  if (ids.size === 0) return [];

  const found = await accounts.findByIds([...ids]).exec();
  const candidates: LeadAccountCandidate[] = [];
  for (const doc of found.values()) {
    const account = doc.toJSON(false) as Account;
    const reasons = duplicateReasons(lead, account);
    if (reasons.length === 0) continue;
    candidates.push({
      id: account.id,
      name: account.name,
      ownerId: account.ownerId,
      reasons,
      ...(account.city ? { city: account.city } : {}),
      ...(account.country ? { country: account.country } : {}),
      ...(account.domain ? { domain: account.domain } : {}),
      ...(account.phone ? { phone: account.phone } : {}),
    });
  }
  // More evidence first, then by name, so the likeliest match leads the list.
  candidates.sort((a, b) => b.reasons.length - a.reasons.length || a.name.localeCompare(b.name));
  return candidates.slice(0, MAX_CANDIDATES);
}
