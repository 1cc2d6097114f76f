import { phoneDigits as digitsOfPhone, prepareIndexText } from './search-text';
import type { SearchType } from './search-types';

/** What one record contributes to the index: FTS columns plus what a hit displays. */
export type SearchEntry = {
  readonly name: string;
  readonly detail: string;
  readonly notes: string;
  readonly digits: string;
  readonly title: string;
  readonly subtitle: string;
};

type Doc = Readonly<Record<string, unknown>>;

function str(doc: Doc, field: string): string {
  const value = doc[field];
  return typeof value === 'string' ? value.trim() : '';
}

function joinNonEmpty(parts: ReadonlyArray<string>, separator: string): string {
  return parts.filter((part) => part.length > 0).join(separator);
}

function firstNonEmpty(...values: ReadonlyArray<string>): string {
  return values.find((value) => value.length > 0) ?? '';
}

const CJK_ONLY = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+$/u;

/** "Zhang Wei" for Latin names; "张伟" (family name first, no space) when both parts are CJK. */
function fullName(doc: Doc): string {
  const first = str(doc, 'firstName');
  const last = str(doc, 'lastName');
  if (CJK_ONLY.test(first) && CJK_ONLY.test(last)) return `${last}${first}`;
  return joinNonEmpty([first, last], ' ');
}

function indexText(doc: Doc, fields: ReadonlyArray<string>): string {
  return prepareIndexText(
    joinNonEmpty(
      fields.map((field) => str(doc, field)),
      ' \n ',
    ),
  );
}

function phoneDigits(doc: Doc, fields: ReadonlyArray<string>): string {
  // Space-separated: a trigram never spans two numbers, so a query cannot match across them.
  return joinNonEmpty(
    fields.map((field) => digitsOfPhone(str(doc, field))),
    ' ',
  );
}

function tagText(doc: Doc): string {
  const tags = doc['tags'];
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string').join(' ') : '';
}

/**
 * Searchable fields per type, or null for a document the index does not hold (the knowledge
 * collection's policies and calendars). `name` weighs most in ranking (COLUMN_WEIGHTS), `notes`
 * least; phones are also indexed as digit strings for partial-number search.
 */
export function toSearchEntry(type: SearchType, doc: Doc): SearchEntry | null {
  switch (type) {
    case 'article':
      if (doc['kind'] !== 'knowledge_article') return null;
      return {
        name: indexText(doc, ['title']),
        detail: prepareIndexText(joinNonEmpty([str(doc, 'summary'), tagText(doc), str(doc, 'category')], ' \n ')),
        notes: indexText(doc, ['body']),
        digits: '',
        title: str(doc, 'title'),
        subtitle: firstNonEmpty(str(doc, 'category'), str(doc, 'summary').slice(0, 160)),
      };
    case 'account':
      return {
        name: indexText(doc, ['name']),
        detail: indexText(doc, ['domain', 'email', 'phone', 'city', 'country', 'industry']),
        notes: indexText(doc, ['notes']),
        digits: phoneDigits(doc, ['phone']),
        title: firstNonEmpty(str(doc, 'name'), str(doc, 'domain')),
        subtitle: firstNonEmpty(joinNonEmpty([str(doc, 'city'), str(doc, 'country')], ', '), str(doc, 'domain')),
      };
    case 'contact':
      return {
        name: prepareIndexText(fullName(doc)),
        detail: indexText(doc, ['title', 'email', 'phone', 'mobile', 'city']),
        notes: indexText(doc, ['notes']),
        digits: phoneDigits(doc, ['phone', 'mobile']),
        title: firstNonEmpty(fullName(doc), str(doc, 'email')),
        subtitle: firstNonEmpty(str(doc, 'email'), str(doc, 'phone'), str(doc, 'mobile'), str(doc, 'title')),
      };
    case 'lead':
      return {
        name: prepareIndexText(fullName(doc)),
        detail: indexText(doc, ['company', 'email', 'phone', 'city']),
        notes: indexText(doc, ['notes']),
        digits: phoneDigits(doc, ['phone']),
        title: firstNonEmpty(fullName(doc), str(doc, 'company'), str(doc, 'email')),
        subtitle: joinNonEmpty([str(doc, 'company'), firstNonEmpty(str(doc, 'email'), str(doc, 'phone'))], ' · '),
      };
    case 'opportunity':
      return {
        name: indexText(doc, ['name']),
        detail: indexText(doc, ['nextStep']),
        notes: indexText(doc, ['notes']),
        digits: '',
        title: str(doc, 'name'),
        subtitle: str(doc, 'nextStep'),
      };
  }
}
