import { ACCOUNT_REGIONS, ACCOUNT_STATUSES, ACCOUNT_TIERS } from '../../../../shared/schemas/accounts';
import { EPOCH_MS_MAX } from '../../../../shared/schemas/primitives';
import { IMPORT_CURRENCIES, type ImportIssueCode } from '../../../../shared/contract/customers/import-requests';

/** A cell turned into a field value, or the reason it could not be. */
export type CellResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: ImportIssueCode; readonly message: string };

const good = <T>(value: T): CellResult<T> => ({ ok: true, value });
const bad = (code: ImportIssueCode, message: string): CellResult<never> => ({ ok: false, code, message });

/**
 * Spreadsheet formula injection: a cell starting with = or @ (or + / - followed by anything but a
 * number or phone number) is executed by Excel when the data is exported and opened again. Such
 * cells are refused at the door rather than stored and escaped forever after. Tab and CR prefixes
 * are refused too: Excel strips them and then evaluates the rest.
 */
export function looksLikeFormula(text: string): boolean {
  if (/^[=@\t\r]/.test(text)) return true;
  if (/^[+-]/.test(text)) return !/^[+-][\d\s().,/-]*$/.test(text);
  return false;
}

/** Labels people type for each choice, English and Chinese, all compared lower-cased without spaces. */
const STATUS_WORDS: Readonly<Record<string, (typeof ACCOUNT_STATUSES)[number]>> = {
  prospect: 'prospect',
  潜在客户: 'prospect',
  潜在: 'prospect',
  lead: 'prospect',
  active: 'active',
  活跃: 'active',
  customer: 'active',
  客户: 'active',
  inactive: 'inactive',
  不活跃: 'inactive',
  dormant: 'inactive',
  churned: 'churned',
  已流失: 'churned',
  流失: 'churned',
  lost: 'churned',
};
const TIER_WORDS: Readonly<Record<string, (typeof ACCOUNT_TIERS)[number]>> = {
  strategic: 'strategic',
  战略: 'strategic',
  key: 'key',
  重点: 'key',
  standard: 'standard',
  标准: 'standard',
  small: 'small',
  小型: 'small',
};
const REGION_WORDS: Readonly<Record<string, (typeof ACCOUNT_REGIONS)[number]>> = {
  north_america: 'north_america',
  northamerica: 'north_america',
  na: 'north_america',
  北美: 'north_america',
  latin_america: 'latin_america',
  latinamerica: 'latin_america',
  latam: 'latin_america',
  拉丁美洲: 'latin_america',
  拉美: 'latin_america',
  emea: 'emea',
  '欧洲、中东和非洲': 'emea',
  欧洲中东非洲: 'emea',
  欧洲: 'emea',
  apac: 'apac',
  asiapacific: 'apac',
  亚太: 'apac',
  greater_china: 'greater_china',
  greaterchina: 'greater_china',
  china: 'greater_china',
  大中华区: 'greater_china',
  中国: 'greater_china',
};

const normalizeWord = (text: string): string => text.toLowerCase().replace(/[\s-]+/g, '');

function choice<T extends string>(words: Readonly<Record<string, T>>, allowed: ReadonlyArray<T>) {
  return (text: string): CellResult<T> => {
    const key = normalizeWord(text);
    const value = words[key] ?? allowed.find((option) => normalizeWord(option) === key);
    return value ? good(value) : bad('invalid_choice', `must be one of ${allowed.join(', ')}`);
  };
}

export const parseStatus = choice(STATUS_WORDS, ACCOUNT_STATUSES);
export const parseTier = choice(TIER_WORDS, ACCOUNT_TIERS);
export const parseRegion = choice(REGION_WORDS, ACCOUNT_REGIONS);

/** "1,234.5", "1 234", "¥1,000" and "$2.5M" are all numbers people paste from spreadsheets. */
export function parseNumber(text: string): CellResult<number> {
  const cleaned = text.replace(/[\s,_]/g, '').replace(/^[$€£¥]|^(USD|EUR|GBP|CNY|RMB|JPY)/i, '');
  const match = /^(-?\d+(?:\.\d+)?)([kmb万亿])?$/i.exec(cleaned);
  if (!match?.[1]) return bad('invalid_number', 'must be a number');
  const scale: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, b: 1e9, 万: 1e4, 亿: 1e8 };
  const value = Number(match[1]) * (match[2] ? (scale[match[2].toLowerCase()] ?? 1) : 1);
  return Number.isFinite(value) ? good(value) : bad('invalid_number', 'must be a number');
}

export function parseWholeNumber(text: string): CellResult<number> {
  const parsed = parseNumber(text);
  if (!parsed.ok) return parsed;
  return Number.isInteger(parsed.value) && parsed.value >= 0 ? parsed : bad('invalid_number', 'must be a whole number ≥ 0');
}

/** Major units ("1234.56") to the currency's minor units (123456), exactly like the formatters divide. */
export function parseMoney(text: string, currency: string): CellResult<number> {
  const parsed = parseNumber(text);
  if (!parsed.ok) return parsed;
  if (parsed.value < 0) return bad('invalid_number', 'must not be negative');
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // An unknown currency is reported by the currency field itself; assume cents meanwhile.
  }
  return good(Math.round(parsed.value * 10 ** digits));
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'x', '是', '对', '√']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '不是', '']);

export function parseBoolean(text: string): CellResult<boolean> {
  const key = text.trim().toLowerCase();
  if (TRUE_WORDS.has(key)) return good(true);
  if (FALSE_WORDS.has(key)) return good(false);
  return bad('invalid_boolean', 'must be yes or no');
}

/** ISO dates (2025-03-31, with or without time) and 2025/3/31; day-first vs month-first is too ambiguous to guess. */
export function parseDate(text: string): CellResult<number> {
  const slash = /^(\d{4})[/.年](\d{1,2})[/.月](\d{1,2})日?$/.exec(text);
  const iso = slash ? `${slash[1]}-${slash[2]?.padStart(2, '0')}-${slash[3]?.padStart(2, '0')}` : text;
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(iso)) return bad('invalid_date', 'must be a date like 2025-03-31');
  const value = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso.replace(' ', 'T'));
  if (!Number.isFinite(value) || value < 0 || value > EPOCH_MS_MAX) return bad('invalid_date', 'must be a date like 2025-03-31');
  return good(value);
}

/** An ISO 4217 code of a currency in use ("usd", "RMB" for CNY); "XXX" or "ABC" are not. */
export function parseCurrency(text: string): CellResult<string> {
  const code = text.trim().toUpperCase().replace(/^RMB$/, 'CNY');
  return IMPORT_CURRENCIES.has(code)
    ? good(code)
    : bad('invalid_currency', `"${text.slice(0, 80)}" is not an ISO 4217 currency code such as USD`);
}

/**
 * One address, name@domain.tld: stricter than the domain schema (which takes "a@b"), because a
 * spreadsheet column of e-mails holds "n/a", "see notes" or two addresses, and an import is where
 * they are caught, by row, before they are stored.
 */
export function parseEmail(text: string): CellResult<string> {
  const email = text.trim();
  const valid = email.length <= 254 && /^[^\s@"(),:;<>[\]\\]+@(?:[^\s@"(),:;<>[\]\\.]+\.)+[^\s@"(),:;<>[\]\\.]{2,}$/u.test(email);
  return valid ? good(email) : bad('invalid_email', `"${text.slice(0, 80)}" is not an e-mail address such as name@example.com`);
}

export function parseTags(text: string): CellResult<string[]> {
  const tags = text
    .split(/[;,，；|]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
  return good([...new Set(tags)]);
}
