import type { z } from 'zod';
import {
  ACCOUNT_IMPORT_DEFAULTS,
  type ImportDefaults,
  type ImportEntity,
  type ImportField,
  type ImportIssue,
  type ImportIssueCode,
} from '../../../../shared/contract/customers/import-requests';
import { crmCollections, type Account, type Contact } from '../../../../shared/schemas';
import {
  looksLikeFormula,
  parseBoolean,
  parseCurrency,
  parseDate,
  parseEmail,
  parseMoney,
  parseRegion,
  parseStatus,
  parseTags,
  parseTier,
  parseWholeNumber,
  type CellResult,
} from './import-cells';

export type OwnerRef = { readonly id: string; readonly teamId: string };

/** What a row needs to know about the database; the handler looks it up once for the whole file. */
export type RowContext = {
  readonly entity: ImportEntity;
  readonly columns: ReadonlyArray<ImportField | null>;
  /** Accounts: values for fields the file has no column for, or leaves empty (shown in the mapping step). */
  readonly defaults: ImportDefaults;
  readonly now: number;
  readonly defaultOwner: OwnerRef;
  /** Lower-cased user id, e-mail and name → user. */
  readonly owners: ReadonlyMap<string, OwnerRef>;
  /** Contacts only: account name → ids with that name, and ids that exist. */
  readonly accountsByName: ReadonlyMap<string, ReadonlyArray<string>>;
  readonly accountIds: ReadonlySet<string>;
  readonly newId: () => string;
};

export type BuiltRow =
  { readonly ok: true; readonly doc: Account | Contact } | { readonly ok: false; readonly issues: ReadonlyArray<ImportIssue> };

/** The trimmed, non-empty text of each mapped column of one row. */
export function cellsByField(cells: ReadonlyArray<string>, columns: ReadonlyArray<ImportField | null>): Map<ImportField, string> {
  const values = new Map<ImportField, string>();
  columns.forEach((field, index) => {
    const text = cells[index]?.trim() ?? '';
    if (field && text.length > 0) values.set(field, text);
  });
  return values;
}

/**
 * One CSV row to one validated document. Cell parsing catches what only a CSV can get wrong
 * (labels instead of codes, "1,234", formulas); the domain schema then has the last word on
 * every field, exactly as for a document typed into a form.
 */
export function buildRow(cells: ReadonlyArray<string>, row: number, ctx: RowContext): BuiltRow {
  const values = cellsByField(cells, ctx.columns);
  const issues: ImportIssue[] = [];
  const issue = (field: ImportField | null, code: ImportIssueCode, message: string): void => {
    issues.push({ row, field, code, message });
  };
  for (const [field, text] of values) {
    if (looksLikeFormula(text)) issue(field, 'formula', 'looks like a spreadsheet formula (starts with =, +, -, @)');
  }
  if (issues.length > 0) return { ok: false, issues };

  const doc: Record<string, unknown> = { id: values.get('id') ?? ctx.newId(), createdAt: ctx.now, updatedAt: ctx.now };
  const take = <T>(field: ImportField, parse: (text: string) => CellResult<T>, target: string = field): void => {
    const text = values.get(field);
    if (text === undefined) return;
    const parsed = parse(text);
    if (parsed.ok) doc[target] = parsed.value;
    else issue(field, parsed.code, parsed.message);
  };
  const text = (text: string): CellResult<string> => ({ ok: true, value: text });

  const ownerText = values.get('owner');
  const owner = ownerText === undefined ? ctx.defaultOwner : ctx.owners.get(ownerText.toLowerCase());
  if (!owner) issue('owner', 'unknown_owner', `no user "${ownerText ?? ''}"`);
  doc['ownerId'] = (owner ?? ctx.defaultOwner).id;
  doc['teamId'] = (owner ?? ctx.defaultOwner).teamId;

  if (ctx.entity === 'accounts') {
    // A new account is a standard prospect until someone says otherwise; region only if the user chose one.
    Object.assign(doc, { ...ACCOUNT_IMPORT_DEFAULTS, ...ctx.defaults });
    for (const field of [
      'name',
      'industry',
      'domain',
      'website',
      'phone',
      'street',
      'city',
      'postalCode',
      'state',
      'country',
      'notes',
    ] as const) {
      take(field, text);
    }
    take('email', parseEmail);
    take('status', parseStatus);
    take('tier', parseTier);
    take('region', parseRegion);
    take('currency', parseCurrency);
    take('employees', parseWholeNumber);
    take('annualRevenue', (value) => parseMoney(value, String(doc['currency'])));
    take('tags', parseTags);
  } else {
    for (const field of [
      'firstName',
      'lastName',
      'title',
      'department',
      'phone',
      'mobile',
      'city',
      'country',
      'preferredLanguage',
      'notes',
    ] as const) {
      take(field, text);
    }
    take('email', parseEmail);
    Object.assign(doc, { isPrimary: false, doNotContact: false });
    take('isPrimary', parseBoolean);
    take('doNotContact', parseBoolean);
    take('lastContactedAt', parseDate);
    linkAccount(values, ctx, doc, issue);
  }
  if (issues.length > 0) return { ok: false, issues: inColumnOrder(issues, ctx.columns) };
  return validate(doc, row, ctx);
}

/** Left to right as the file shows them; problems of fields without a column come last. */
function inColumnOrder(issues: ReadonlyArray<ImportIssue>, columns: ReadonlyArray<ImportField | null>): ImportIssue[] {
  const position = (issue: ImportIssue): number => {
    const index = issue.field === null ? -1 : columns.indexOf(issue.field);
    return index === -1 ? columns.length : index;
  };
  return [...issues].sort((a, b) => position(a) - position(b));
}

function linkAccount(
  values: ReadonlyMap<ImportField, string>,
  ctx: RowContext,
  doc: Record<string, unknown>,
  issue: (field: ImportField | null, code: ImportIssueCode, message: string) => void,
): void {
  const id = values.get('accountId');
  const name = values.get('accountName');
  if (id !== undefined) {
    if (ctx.accountIds.has(id)) doc['accountId'] = id;
    else issue('accountId', 'unknown_account', `no account with id "${id}"`);
    return;
  }
  if (name === undefined) {
    issue(ctx.columns.includes('accountName') ? 'accountName' : 'accountId', 'required', 'a contact needs an account (name or id)');
    return;
  }
  const matches = ctx.accountsByName.get(name) ?? [];
  if (matches.length === 1) doc['accountId'] = matches[0];
  else if (matches.length === 0) issue('accountName', 'unknown_account', `no account named "${name}"`);
  else issue('accountName', 'ambiguous_account', `${matches.length} accounts are named "${name}"; use the account id`);
}

function validate(doc: Record<string, unknown>, row: number, ctx: RowContext): BuiltRow {
  const validator = crmCollections[ctx.entity].validator as z.ZodType<Account | Contact>;
  const parsed = validator.safeParse(doc);
  if (parsed.success) return { ok: true, doc: parsed.data };
  const issues = parsed.error.issues.map((zodIssue): ImportIssue => {
    const key = String(zodIssue.path[0] ?? '');
    const field = toImportField(key, ctx);
    const missing = doc[key] === undefined;
    const code: ImportIssueCode = missing ? 'required' : zodIssue.code === 'too_big' ? 'too_long' : 'invalid';
    return { row, field, code, message: missing ? 'is required' : zodIssue.message };
  });
  return { ok: false, issues };
}

function toImportField(key: string, ctx: RowContext): ImportField | null {
  if (key === 'ownerId') return 'owner';
  if (key === 'accountId') return ctx.columns.includes('accountId') ? 'accountId' : 'accountName';
  const field = key as ImportField;
  return ctx.columns.includes(field) || key === 'name' || key === 'lastName' || key === 'region' ? field : null;
}
