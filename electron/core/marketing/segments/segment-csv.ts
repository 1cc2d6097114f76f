import Papa from 'papaparse';
import { ACCOUNT_IMPORT_FIELDS, CONTACT_IMPORT_FIELDS } from '../../../../shared/contract/customers/import-requests';
import type { SegmentTarget } from '../../../../shared/marketing/segment-conditions';
import type { Account, Contact, Lead } from '../../../../shared/schemas';

/**
 * A segment's records as CSV the customer import reads back: the import's own field names as the
 * header (its column guess maps them at once), values as stored — codes not labels (`active`,
 * `north_america`), amounts as decimal numbers in the account's currency, instants as ISO 8601 UTC,
 * booleans as true/false, tags joined by "; ", the owner as the user id when that user is in the
 * organisation the import looks owners up in (else empty: the import gives the row to whoever imports it). A UTF-8 byte-order mark
 * lets spreadsheets read Chinese. Leads have no import; their file uses the lead's own field names.
 */

const LEAD_FIELDS = [
  'id',
  'firstName',
  'lastName',
  'company',
  'title',
  'email',
  'phone',
  'city',
  'country',
  'status',
  'source',
  'rating',
] as const;

/**
 * Cells a spreadsheet would run as a formula get a leading apostrophe (papaparse `escapeFormulae`).
 * The same test as the import's refusal (import-cells.ts, looksLikeFormula): a phone number such as
 * "+49 30 1234" is data and is written as it is, so it reads back unchanged.
 */
const FORMULA = /^(?:[=@\t\r]|[+-](?![\d\s().,/-]*$))/;

const digitsOf = (currency: string): number => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2; // a currency Intl does not know: cents, as the import assumes
  }
};

/** Minor units as a plain decimal ("1234.50"), never grouped or localised. */
export function decimalOf(minor: number, currency: string): string {
  const digits = digitsOf(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

const text = (value: string | number | boolean | undefined | null): string => (value === undefined || value === null ? '' : String(value));
const instant = (ms: number | undefined): string => (ms === undefined ? '' : new Date(ms).toISOString());

export function accountRow(a: Account, owners: ReadonlySet<string>): string[] {
  const cell: Record<(typeof ACCOUNT_IMPORT_FIELDS)[number], string> = {
    id: a.id,
    name: a.name,
    status: a.status,
    tier: a.tier,
    region: a.region,
    industry: text(a.industry),
    domain: text(a.domain),
    website: text(a.website),
    phone: text(a.phone),
    email: text(a.email),
    street: text(a.street),
    city: text(a.city),
    postalCode: text(a.postalCode),
    state: text(a.state),
    country: text(a.country),
    annualRevenue: a.annualRevenue === undefined ? '' : decimalOf(a.annualRevenue, a.currency),
    employees: text(a.employees),
    currency: a.currency,
    owner: owners.has(a.ownerId) ? a.ownerId : '',
    notes: text(a.notes),
    tags: (a.tags ?? []).join('; '),
  };
  return ACCOUNT_IMPORT_FIELDS.map((f) => cell[f]);
}

export function contactRow(c: Contact, accountName: string | undefined, owners: ReadonlySet<string>): string[] {
  const cell: Record<(typeof CONTACT_IMPORT_FIELDS)[number], string> = {
    id: c.id,
    accountId: c.accountId,
    accountName: text(accountName),
    firstName: text(c.firstName),
    lastName: c.lastName,
    title: text(c.title),
    department: text(c.department),
    email: text(c.email),
    phone: text(c.phone),
    mobile: text(c.mobile),
    city: text(c.city),
    country: text(c.country),
    preferredLanguage: text(c.preferredLanguage),
    isPrimary: String(c.isPrimary),
    doNotContact: String(c.doNotContact),
    lastContactedAt: instant(c.lastContactedAt),
    owner: owners.has(c.ownerId) ? c.ownerId : '',
    notes: text(c.notes),
  };
  return CONTACT_IMPORT_FIELDS.map((f) => cell[f]);
}

export function leadRow(l: Lead): string[] {
  return LEAD_FIELDS.map((f) => text(l[f]));
}

export function headerOf(target: SegmentTarget): ReadonlyArray<string> {
  return target === 'accounts' ? ACCOUNT_IMPORT_FIELDS : target === 'contacts' ? CONTACT_IMPORT_FIELDS : LEAD_FIELDS;
}

/** The whole file: BOM, header, rows, CRLF line ends. */
export function toSegmentCsv(target: SegmentTarget, rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const body = Papa.unparse({ fields: [...headerOf(target)], data: rows.map((r) => [...r]) }, { escapeFormulae: FORMULA, newline: '\r\n' });
  return `\ufeff${body}\r\n`;
}
