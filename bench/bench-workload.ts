import type { MangoQuery } from 'rxdb';
import { ACCOUNT_SORT_FIELDS } from '../shared/contract/customers/accounts-requests';
import { crmCollections } from '../shared/schemas/registry';
import type { Account, Contact } from '../shared/schemas';
import { listSort } from '../electron/core/customers/record-store';
import type { ChildWorkload } from './bench-child';
import { createRandom, pick } from './bench-stats';

const QUERY_COUNT = 200;
const PAGE = 50;

type Filter = 'ownerId' | 'teamId' | 'status' | 'industry' | 'region' | 'tier';
const FILTERS: ReadonlyArray<Filter> = ['ownerId', 'teamId', 'status', 'industry', 'region', 'tier'];

/**
 * The accounts list as reps use it: one filter (each has an [field, name] index) sorted by name,
 * or no filter sorted by another indexed column; a few pages deep now and then.
 */
function pageQueries(accounts: ReadonlyArray<Account>, random: () => number): MangoQuery<Account>[] {
  return distinct(QUERY_COUNT, (i): MangoQuery<Account> => {
    const sample = pick(random, accounts);
    const skip = random() < 0.2 ? PAGE * (1 + Math.floor(random() * 4)) : 0;
    if (i % 4 === 3) {
      const field = pick(random, ['name', 'updatedAt', 'createdAt', 'annualRevenue', 'employees', 'city', 'country'] as const);
      return { selector: {}, sort: [{ [field]: 'asc' }], limit: PAGE, skip };
    }
    const filter = pick(random, FILTERS);
    return { selector: { [filter]: sample[filter] }, sort: [{ name: 'asc' }], limit: PAGE, skip };
  });
}

/** "Most recent first", "biggest first": descending sorts the RxDB planner cannot serve from an index. */
function descQueries(accounts: ReadonlyArray<Account>, random: () => number): MangoQuery<Account>[] {
  return distinct(40, (i): MangoQuery<Account> => {
    const skip = PAGE * Math.floor(random() * 4);
    const field = pick(random, ['updatedAt', 'annualRevenue', 'createdAt'] as const);
    if (i % 2 === 0) return { selector: {}, sort: [{ [field]: 'desc' }], limit: PAGE, skip };
    return { selector: { ownerId: pick(random, accounts).ownerId }, sort: [{ updatedAt: 'desc' }], limit: PAGE, skip };
  });
}

/**
 * The accounts list with two filters combined and any column sorted either way, a page window
 * plus the total count (the product requirement: every list stays fast at 100k records).
 */
function comboQueries(accounts: ReadonlyArray<Account>, random: () => number): MangoQuery<Account>[] {
  const combos: ReadonlyArray<readonly [Filter, Filter]> = [
    ['status', 'region'],
    ['status', 'tier'],
    ['region', 'industry'],
    ['ownerId', 'status'],
    ['tier', 'region'],
  ];
  return distinct(40, (i): MangoQuery<Account> => {
    const sample = pick(random, accounts);
    const [a, b] = combos[i % combos.length] ?? ['status', 'region'];
    const field = pick(random, ['name', 'updatedAt', 'annualRevenue', 'employees', 'city'] as const);
    const skip = PAGE * Math.floor(random() * 4);
    return { selector: { [a]: sample[a], [b]: sample[b] }, sort: [{ [field]: random() < 0.5 ? 'asc' : 'desc' }], limit: PAGE, skip };
  });
}

const ACCOUNT_RX_SCHEMA = crmCollections.accounts.schema;

/**
 * The filter bar used freely: up to four of the list's filters, each with one to three values
 * (one value is sent as $eq, several as $in, as the accounts list sends them), any sort column
 * either way with the list's tie-break (record-store.ts, listSort), first page.
 */
function anyFilterQueries(accounts: ReadonlyArray<Account>, random: () => number): MangoQuery<Account>[] {
  return distinct(QUERY_COUNT, (): MangoQuery<Account> => {
    const selector: Record<string, unknown> = {};
    const fields = [...FILTERS].sort(() => random() - 0.5).slice(0, Math.floor(random() * 5));
    for (const field of fields) {
      const values = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, accounts)[field]))];
      selector[field] = values.length === 1 ? { $eq: values[0] } : { $in: values };
    }
    const sort = listSort(
      ACCOUNT_RX_SCHEMA.indexes ?? [],
      ACCOUNT_RX_SCHEMA.required ?? [],
      pick(random, ACCOUNT_SORT_FIELDS),
      random() < 0.5 ? 'asc' : 'desc',
    );
    return { selector, sort, limit: PAGE } as MangoQuery<Account>;
  });
}

/**
 * RxDB caches query results per query: a repeated query would time the cache, not the storage.
 * So every query in a list is different.
 */
function distinct<T>(count: number, make: (i: number) => T): T[] {
  const seen = new Map<string, T>();
  for (let i = 0; seen.size < count && i < count * 100; i++) {
    const query = make(i);
    seen.set(JSON.stringify(query), query);
  }
  return [...seen.values()];
}

function prefix(word: string, random: () => number): string {
  return word.slice(0, Math.min(word.length, 2 + Math.floor(random() * 4)));
}

/** What people type in a search box: name prefixes, a city, part of a phone number, a domain, CJK. */
function searches(accounts: ReadonlyArray<Account>, contacts: ReadonlyArray<Contact>, random: () => number): ChildWorkload['searches'] {
  const out: { text: string; types?: ('account' | 'contact' | 'lead' | 'opportunity')[] }[] = [];
  for (let i = 0; i < QUERY_COUNT; i++) {
    const account = pick(random, accounts);
    const contact = pick(random, contacts);
    const words = account.name.split(' ');
    switch (i % 8) {
      case 0:
        out.push({ text: prefix(pick(random, words), random) });
        break;
      case 1:
        out.push({ text: `${words[0] ?? ''} ${prefix(words[1] ?? '', random)}` });
        break;
      case 2:
        out.push({ text: `${contact.firstName ?? ''} ${prefix(contact.lastName, random)}`, types: ['contact'] });
        break;
      case 3: {
        const digits = (account.phone ?? '').replace(/\D/g, '');
        const at = Math.floor(random() * Math.max(1, digits.length - 6));
        out.push({ text: digits.slice(at, at + 4 + Math.floor(random() * 3)) });
        break;
      }
      case 4:
        out.push({ text: (account.domain ?? '').split('.')[0]?.slice(0, 12) ?? '' });
        break;
      case 5:
        out.push({ text: [...account.name].slice(0, 1 + Math.floor(random() * 3)).join('') });
        break;
      case 6:
        out.push({ text: prefix(account.city ?? 'Berlin', random), types: ['account'] });
        break;
      default:
        out.push({ text: prefix(contact.lastName, random) });
    }
  }
  return out;
}

export function buildWorkload(
  directory: string,
  accounts: ReadonlyArray<Account>,
  contacts: ReadonlyArray<Contact>,
  seed: number,
): ChildWorkload {
  const random = createRandom(seed + 7);
  const singleInserts = Array.from({ length: QUERY_COUNT }, (_, i): Account => ({
    ...pick(random, accounts),
    id: `bench-single-${i}`,
    name: `Single Insert ${i}`,
  }));
  return {
    directory,
    pageQueries: pageQueries(accounts, random),
    descQueries: descQueries(accounts, random),
    comboQueries: comboQueries(accounts, random),
    anyFilterQueries: anyFilterQueries(accounts, random),
    searches: searches(accounts, contacts, random),
    singleInserts,
  };
}
