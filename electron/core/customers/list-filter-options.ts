import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { ok, type AccountFilterOptions } from '../../../shared/contract';
import type { CrmDatabase } from '../db/open-crm-database';
import { defineHandlers } from '../rpc/dispatcher';
import { encodeStringPart, MAX_KEY } from '../storage/sqlite/index-key';
import type { SqliteInternals } from '../storage/sqlite/sqlite-types';
import { domainChanges } from '../db/domain-changes';

/** Enough for any real org; a runaway column (free-text industries) stops here instead of filling a menu. */
const MAX_OPTIONS = 300;

type Facets = { readonly industries: Set<string>; readonly ownerIds: Set<string> };

/**
 * `accounts.filterOptions`: the choices of the accounts list's owner and industry filters.
 *
 * Distinct values come from the [_deleted, industry, …] and [_deleted, ownerId, …] indexes by
 * skip-scan: one index seek per distinct value (≈1 ms for a few dozen values at 100,000 accounts),
 * so a new session never stalls the core while its first list window is being read. A full pass
 * over the stored JSON (≈0.5–0.8 s at 100k, the event loop blocked throughout) remains only as the
 * fallback when the stored key layout is not the one this code understands. Afterwards the RxDB
 * change stream adds the values of written accounts; values that disappear stay offered until
 * restart, which costs an empty result at worst.
 */
export function createListFilterOptionsHandlers(deps: { readonly db: CrmDatabase }) {
  let facets: Facets | undefined;

  function scan(): Facets {
    const internals = deps.db.accounts.storageInstance.internals as SqliteInternals;
    const connection = internals.connection.db as BetterSqlite3.Database;
    const table = `"${internals.tableName.replace(/"/g, '""')}"`;
    const found: Facets = { industries: new Set(), ownerIds: new Set() };
    const industries = distinctByIndex(connection, table, indexColumn(deps.db, 'industry'), 'industry');
    const ownerIds = distinctByIndex(connection, table, indexColumn(deps.db, 'ownerId'), 'ownerId');
    if (industries && ownerIds) {
      for (const industry of industries) add(found, { industry });
      for (const ownerId of ownerIds) add(found, { ownerId });
      return found;
    }
    const rows = connection
      .prepare(
        `SELECT DISTINCT json_extract(data, '$.industry') AS industry, json_extract(data, '$.ownerId') AS ownerId FROM ${table} WHERE deleted = 0`,
      )
      .all() as Array<{ industry: unknown; ownerId: unknown }>;
    for (const row of rows) add(found, row);
    return found;
  }

  function load(): Facets {
    if (facets) return facets;
    const loaded = scan();
    facets = loaded;
    // Ends with the collection when the database closes.
    domainChanges(deps.db.accounts).subscribe((bulk) => {
      for (const event of bulk.events) add(loaded, event.documentData as { industry?: unknown; ownerId?: unknown });
    });
    return loaded;
  }

  return defineHandlers({
    'accounts.filterOptions': async () => ok(await filterOptions(deps.db, load())),
  });
}

function add(facets: Facets, row: { industry?: unknown; ownerId?: unknown }): void {
  if (typeof row.industry === 'string' && row.industry.length > 0 && facets.industries.size < MAX_OPTIONS)
    facets.industries.add(row.industry);
  if (typeof row.ownerId === 'string' && facets.ownerIds.size < MAX_OPTIONS) facets.ownerIds.add(row.ownerId);
}

async function filterOptions(db: CrmDatabase, facets: Facets): Promise<AccountFilterOptions> {
  // Users are few (served by the [kind, name] index); names label the owner ids.
  const users = await db.org.find({ selector: { kind: 'user' } }).exec();
  const names = new Map<string, string>();
  for (const doc of users) {
    const user = doc.toJSON() as { id: string; name?: string };
    names.set(user.id, user.name ?? user.id);
  }
  // Owners of accounts are offered even when the org collection does not know them (e.g. the local rep).
  const ids = new Set([...names.keys(), ...facets.ownerIds]);
  const owners = [...ids].map((id) => ({ id, name: names.get(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name));
  const industries = [...facets.industries].sort((a, b) => a.localeCompare(b));
  return { owners: owners.slice(0, MAX_OPTIONS), industries };
}

/**
 * The SQLite column holding the [_deleted, field, …] index key: the storage names index columns
 * `i<position>` in the order of the filled RxDB schema (sqlite-table.ts). Undefined without such an index.
 */
function indexColumn(db: CrmDatabase, field: string): string | undefined {
  const indexes = db.accounts.schema.jsonSchema.indexes ?? [];
  const position = indexes.findIndex((index) => Array.isArray(index) && index[0] === '_deleted' && index[1] === field);
  return position < 0 ? undefined : `i${position}`;
}

/**
 * Distinct values of `field` among live accounts, hopping through the index: each seek finds the
 * next key whose first field part is greater than the previous one (index-key.ts: a string part
 * ends with TERM; MAX_KEY sorts above every part). Each hit is checked against the row's JSON, so
 * a key layout other than the one assumed here answers undefined and the caller scans instead.
 */
function distinctByIndex(
  connection: BetterSqlite3.Database,
  table: string,
  column: string | undefined,
  field: string,
): unknown[] | undefined {
  if (!column) return undefined;
  try {
    // Live rows' keys start with '0' (_deleted = false); tombstones' with '1'.
    const seek = connection.prepare(
      `SELECT ${column} AS key, json_extract(data, '$.${field}') AS value FROM ${table} WHERE ${column} > ? AND ${column} < '1' ORDER BY ${column} LIMIT 1`,
    );
    const values: unknown[] = [];
    let lower = '0';
    while (values.length < MAX_OPTIONS + 1) {
      const row = seek.get(lower) as { key: string; value: unknown } | undefined;
      if (!row) return values;
      const part = encodeStringPart(typeof row.value === 'string' ? row.value : '');
      if (!row.key.startsWith(`0${part}`)) return undefined;
      values.push(row.value);
      lower = `0${part}${MAX_KEY}`;
    }
    return values;
  } catch {
    // A column this query cannot read (a layout change in flight): the caller's scan gives the same answer.
    return undefined;
  }
}
