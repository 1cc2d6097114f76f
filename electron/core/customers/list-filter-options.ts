import type { RxCollection } from 'rxdb';
import { ok, type AccountFilterOptions } from '../../../shared/contract';
import type { CrmDatabase } from '../db/open-crm-database';
import { defineHandlers } from '../rpc/dispatcher';

/** Enough for any real org; a runaway column (free-text industries) stops here instead of filling a menu. */
const MAX_OPTIONS = 300;

/** `accounts.filterOptions`: the choices of the accounts list's owner and industry filters. */
export function createListFilterOptionsHandlers(deps: { readonly db: CrmDatabase }) {
  return defineHandlers({
    'accounts.filterOptions': async () => ok(await filterOptions(deps.db)),
  });
}

async function filterOptions(db: CrmDatabase): Promise<AccountFilterOptions> {
  const accounts = db.accounts as unknown as RxCollection<Record<string, unknown>>;
  const [industries, ownerIds, users] = await Promise.all([
    distinctValues(accounts, 'industry'),
    distinctValues(accounts, 'ownerId'),
    db.org.find({ selector: { kind: 'user' } }).exec(),
  ]);
  const names = new Map<string, string>();
  for (const doc of users) {
    const user = doc.toJSON() as { id: string; name?: string };
    names.set(user.id, user.name ?? user.id);
  }
  // Owners of accounts first-class even when the org collection does not know them (e.g. the local rep).
  const ids = new Set([...names.keys(), ...ownerIds]);
  const owners = [...ids].map((id) => ({ id, name: names.get(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name));
  return { owners: owners.slice(0, MAX_OPTIONS), industries };
}

/**
 * Distinct values of an indexed field by a loose index scan: one "first value greater than the
 * last one" query per distinct value, so 100,000 accounts with 15 industries cost 16 index seeks
 * instead of reading every document.
 */
async function distinctValues(collection: RxCollection<Record<string, unknown>>, field: string): Promise<string[]> {
  const values: string[] = [];
  let last = '';
  while (values.length < MAX_OPTIONS) {
    const doc = await collection.findOne({ selector: { [field]: { $gt: last } }, sort: [{ [field]: 'asc' }] }).exec();
    const value = doc?.get(field) as unknown;
    if (typeof value !== 'string') break;
    values.push(value);
    last = value;
  }
  return values;
}
