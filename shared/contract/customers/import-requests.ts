import { z } from 'zod';
import { ACCOUNT_REGIONS, ACCOUNT_STATUSES, ACCOUNT_TIERS } from '../../schemas/accounts';
import { request } from '../define-request';
import { ACCOUNT_PROFILE_FIELDS } from './accounts-requests';
import { CONTACT_PROFILE_FIELDS } from './contacts-requests';
import type { DuplicateCandidateRow, DuplicateMatchReason } from './duplicates-requests';

/**
 * CSV import of accounts and contacts. The renderer parses the file and sends raw cells in chunks
 * (a WebSocket frame holds at most 1 MB); the core turns each row into a document, validates it
 * against the domain schema, and writes every valid row in one transaction on `import.commit`.
 * Nothing is written before commit, so a cancelled or failed import leaves the database as it was.
 */
export const IMPORT_ENTITIES = ['accounts', 'contacts'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

export const ACCOUNT_IMPORT_FIELDS = [
  'id',
  'name',
  'status',
  'tier',
  'region',
  'industry',
  'domain',
  ...ACCOUNT_PROFILE_FIELDS,
  'currency',
  'owner',
  'notes',
  'tags',
] as const;
export const CONTACT_IMPORT_FIELDS = [
  'id',
  'accountId',
  'accountName',
  'firstName',
  'lastName',
  ...CONTACT_PROFILE_FIELDS,
  'isPrimary',
  'doNotContact',
  'lastContactedAt',
  'owner',
  'notes',
] as const;
export type AccountImportField = (typeof ACCOUNT_IMPORT_FIELDS)[number];
export type ContactImportField = (typeof CONTACT_IMPORT_FIELDS)[number];
export type ImportField = AccountImportField | ContactImportField;
export const IMPORT_FIELDS = { accounts: ACCOUNT_IMPORT_FIELDS, contacts: CONTACT_IMPORT_FIELDS } as const;

/**
 * ISO 4217 codes the import accepts: ICU's `Intl.supportedValuesOf('currency')` (ICU 78), written
 * out so the core and every Chromium agree whatever ICU each ships. Codes for funds, metals, tests
 * and "no currency" (XXX, XTS, XAU, XDR, XSU…) are not money a customer's revenue is counted in.
 */
export const IMPORT_CURRENCIES: ReadonlySet<string> = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY ' +
    'COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ' +
    'ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP ' +
    'MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG ' +
    'SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST ' +
    'XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL'
  ).split(' '),
);

/**
 * Accounts only: the value a row gets when the file has no column for a field or the cell is
 * empty. The mapping step shows these and lets the user change them. Region has no built-in
 * default (the app cannot know a rep's territory): without a region column the user picks one.
 */
export type ImportDefaults = {
  readonly status?: (typeof ACCOUNT_STATUSES)[number];
  readonly tier?: (typeof ACCOUNT_TIERS)[number];
  readonly region?: (typeof ACCOUNT_REGIONS)[number];
  /** One of IMPORT_CURRENCIES. */
  readonly currency?: string;
};
export const ACCOUNT_IMPORT_DEFAULTS = { status: 'prospect', tier: 'standard', currency: 'USD' } as const satisfies ImportDefaults;

export const MAX_IMPORT_ROWS = 200_000;
export const MAX_IMPORT_COLUMNS = 100;
/**
 * The longest value any field accepts is 20,000 characters (notes); the renderer cuts longer cells
 * to one more than that, so the core can still say "too long" without a megabyte cell on the wire.
 */
export const MAX_IMPORT_CELL = 20_001;
export const MAX_IMPORT_CHUNK_ROWS = 2_000;
export const MAX_PREVIEW_ROWS = 100;

const fieldSchema = z.enum([...new Set<ImportField>([...ACCOUNT_IMPORT_FIELDS, ...CONTACT_IMPORT_FIELDS])] as [
  ImportField,
  ...ImportField[],
]);
/** One entry per CSV column: the field it fills, or null to ignore the column. */
const columnsSchema = z.array(fieldSchema.nullable()).min(1).max(MAX_IMPORT_COLUMNS);
const rowsSchema = (max: number) => z.array(z.array(z.string().max(MAX_IMPORT_CELL)).max(MAX_IMPORT_COLUMNS)).max(max);
const importIdSchema = z.string().min(1).max(64);
const defaultsSchema = z
  .strictObject({
    status: z.enum(ACCOUNT_STATUSES).optional(),
    tier: z.enum(ACCOUNT_TIERS).optional(),
    region: z.enum(ACCOUNT_REGIONS).optional(),
    currency: z
      .string()
      .refine((code) => IMPORT_CURRENCIES.has(code), 'must be an ISO 4217 currency code such as USD')
      .optional(),
  })
  .default({});

export type ImportIssueCode =
  | 'required'
  | 'too_long'
  | 'invalid_choice'
  | 'invalid_number'
  | 'invalid_date'
  | 'invalid_boolean'
  | 'invalid_email'
  | 'invalid_currency'
  | 'formula'
  | 'duplicate_id'
  | 'existing_id'
  | 'unknown_account'
  | 'ambiguous_account'
  | 'unknown_owner'
  | 'invalid';

/** One problem with one row. `row` counts the file's lines as a spreadsheet shows them: the header is row 1. */
export type ImportIssue = {
  readonly row: number;
  /** The import field, or null when the problem is the row as a whole. */
  readonly field: ImportField | null;
  readonly code: ImportIssueCode;
  /** English detail (the domain schema's words); the UI shows a translated sentence for `code`. */
  readonly message: string;
};

/**
 * A previewed row that looks like a record already stored or like other rows of the same file
 * (rows numbered as in the spreadsheet, header = 1). Only rows that pass the checks are compared.
 */
export type ImportRowDuplicates = {
  readonly row: number;
  readonly existing: ReadonlyArray<DuplicateCandidateRow>;
  readonly rows: ReadonlyArray<{ readonly row: number; readonly score: number; readonly reasons: ReadonlyArray<DuplicateMatchReason> }>;
};

export type ImportSummary = {
  readonly imported: number;
  readonly rejectedRows: number;
  /** Every issue of every rejected row, in row order. */
  readonly issues: ReadonlyArray<ImportIssue>;
};

export type ImportProgress = {
  readonly importId: string;
  readonly phase: 'validating' | 'writing' | 'done';
  readonly done: number;
  readonly total: number;
};

export const importRequests = {
  /**
   * Dry run over the first rows for the preview: the same checks as commit, nothing stored, plus
   * the likely duplicates of each row among stored records and the file's other rows.
   */
  'import.preview': request(
    z.strictObject({
      entity: z.enum(IMPORT_ENTITIES),
      columns: columnsSchema,
      defaults: defaultsSchema,
      rows: rowsSchema(MAX_PREVIEW_ROWS),
    }),
  ).returns<{
    readonly issues: ReadonlyArray<ImportIssue>;
    /** Rows with likely duplicates, in row order; rows without any are absent. */
    readonly duplicates: ReadonlyArray<ImportRowDuplicates>;
  }>(),
  'import.begin': request(
    z.strictObject({
      entity: z.enum(IMPORT_ENTITIES),
      columns: columnsSchema,
      defaults: defaultsSchema,
      totalRows: z.int().min(1).max(MAX_IMPORT_ROWS),
    }),
  ).returns<{ readonly importId: string }>(),
  'import.rows': request(z.strictObject({ importId: importIdSchema, rows: rowsSchema(MAX_IMPORT_CHUNK_ROWS).min(1) })).returns<{
    readonly received: number;
  }>(),
  /** Validates every staged row (progress via `import.progress`), then writes the valid ones in one transaction. */
  'import.commit': request(z.strictObject({ importId: importIdSchema })).returns<ImportSummary>(),
  'import.cancel': request(z.strictObject({ importId: importIdSchema })).returns<{ readonly removed: boolean }>(),
} as const;
