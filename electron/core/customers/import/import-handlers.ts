import { randomUUID } from 'node:crypto';
import type { RxCollection } from 'rxdb';
import { fail, ok } from '../../../../shared/contract';
import type {
  ImportSummary,
  ImportIssue,
  ImportField,
  ImportEntity,
  ImportDefaults,
} from '../../../../shared/contract/customers/import-requests';
import type { Account, Contact } from '../../../../shared/schemas';
import type { CrmDatabase } from '../../db/open-crm-database';
import { defineHandlers } from '../../rpc/dispatcher';
import type { SessionContext } from '../../rpc/handler-types';
import { importRowDuplicates, type ExistingDuplicates } from '../duplicates/import-duplicates';
import type { Actor } from '../record-store';
import { checkColumns } from './import-columns';
import { buildRow, cellsByField, type OwnerRef, type RowContext } from './import-rows';

export type ImportDeps = {
  readonly db: CrmDatabase;
  /** Read at commit time: rows without an owner column belong to whoever is signed in then. */
  readonly actor: () => Actor;
  readonly now: () => number;
  /** Stored records a previewed row may duplicate; without it the preview reports only the file's own repeats. */
  readonly duplicates?: ExistingDuplicates;
};

type Staged = {
  readonly sessionId: string;
  readonly entity: ImportEntity;
  readonly columns: ReadonlyArray<ImportField | null>;
  readonly defaults: ImportDefaults;
  readonly totalRows: number;
  readonly rows: Array<ReadonlyArray<string>>;
};

type Doc = Account | Contact;

/** Rows validated between progress events (and between yields to the event loop). */
const SLICE = 1000;
const MAX_OPEN_PER_SESSION = 3;
const LOOKUP_CHUNK = 500;
/** The header is row 1 of the file, so data row 0 is row 2 in the user's spreadsheet. */
const FIRST_DATA_ROW = 2;

/**
 * import.preview / begin / rows / commit / cancel. Staged rows live in memory per session and die
 * with it. Commit validates every row first and then writes all valid documents with ONE
 * bulkInsert, which the SQLite storage runs as one transaction: if it throws, nothing was written.
 */
export function createImportHandlers(deps: ImportDeps) {
  const staged = new Map<string, Staged>();

  const collectionOf = (entity: ImportEntity): RxCollection<Doc> => deps.db[entity] as unknown as RxCollection<Doc>;

  async function ownerMap(): Promise<Map<string, OwnerRef>> {
    const users = await deps.db.org.find({ selector: { kind: 'user' } }).exec();
    const owners = new Map<string, OwnerRef>();
    for (const doc of users) {
      const user = doc.toJSON() as { id: string; teamId: string; name?: string; email?: string };
      const ref = { id: user.id, teamId: user.teamId };
      for (const key of [user.id, user.email, user.name]) if (key) owners.set(key.toLowerCase(), ref);
    }
    return owners;
  }

  async function accountLookups(rows: ReadonlyArray<ReadonlyArray<string>>, columns: ReadonlyArray<ImportField | null>) {
    const ids = new Set<string>();
    const names = new Set<string>();
    for (const cells of rows) {
      const values = cellsByField(cells, columns);
      const id = values.get('accountId');
      const name = values.get('accountName');
      if (id) ids.add(id);
      if (name) names.add(name);
    }
    const accountIds = new Set<string>();
    const accountsByName = new Map<string, string[]>();
    for (const chunk of chunks([...ids], LOOKUP_CHUNK)) {
      for (const doc of await deps.db.accounts.find({ selector: { id: { $in: chunk } } }).exec()) accountIds.add(doc.id);
    }
    for (const chunk of chunks([...names], LOOKUP_CHUNK)) {
      for (const doc of await deps.db.accounts.find({ selector: { name: { $in: chunk } } }).exec()) {
        accountsByName.set(doc.name, [...(accountsByName.get(doc.name) ?? []), doc.id]);
      }
    }
    return { accountIds, accountsByName };
  }

  async function context(
    entity: ImportEntity,
    columns: ReadonlyArray<ImportField | null>,
    defaults: ImportDefaults,
    rows: ReadonlyArray<ReadonlyArray<string>>,
  ): Promise<RowContext> {
    const actor = deps.actor();
    const lookups =
      entity === 'contacts'
        ? await accountLookups(rows, columns)
        : { accountIds: new Set<string>(), accountsByName: new Map<string, string[]>() };
    return {
      entity,
      columns,
      defaults,
      now: deps.now(),
      defaultOwner: { id: actor.ownerId, teamId: actor.teamId },
      owners: await ownerMap(),
      ...lookups,
      newId: randomUUID,
    };
  }

  /** Validates rows [0, rows.length); returns the valid documents and every issue, in row order. */
  async function validateAll(
    { entity, columns, defaults }: Pick<Staged, 'entity' | 'columns' | 'defaults'>,
    rows: ReadonlyArray<ReadonlyArray<string>>,
    onProgress: (done: number) => void,
  ): Promise<{ valid: Array<{ row: number; doc: Doc }>; issues: ImportIssue[]; rejectedRows: number }> {
    const ctx = await context(entity, columns, defaults, rows);
    const built: Array<{ row: number; doc: Doc }> = [];
    const issues: ImportIssue[] = [];
    const rejected = new Set<number>();
    for (let start = 0; start < rows.length; start += SLICE) {
      const end = Math.min(rows.length, start + SLICE);
      for (let index = start; index < end; index++) {
        const cells = rows[index] ?? [];
        if (cells.every((cell) => cell.trim() === '')) continue;
        const row = index + FIRST_DATA_ROW;
        const result = buildRow(cells, row, ctx);
        if (result.ok) built.push({ row, doc: result.doc });
        else {
          issues.push(...result.issues);
          rejected.add(row);
        }
      }
      onProgress(end);
      // Let other requests (and the progress event) through between slices of a big file.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const valid: Array<{ row: number; doc: Doc }> = [];
    const existing = await existingIds(
      entity,
      built.map(({ doc }) => doc.id),
    );
    const seen = new Set<string>();
    for (const { row, doc } of built) {
      const duplicate = seen.has(doc.id);
      seen.add(doc.id);
      if (duplicate || existing.has(doc.id)) {
        issues.push({
          row,
          field: 'id',
          code: duplicate ? 'duplicate_id' : 'existing_id',
          message: `id "${doc.id}" ${duplicate ? 'appears twice in the file' : 'already exists'}`,
        });
        rejected.add(row);
      } else valid.push({ row, doc });
    }
    issues.sort((a, b) => a.row - b.row);
    return { valid, issues, rejectedRows: rejected.size };
  }

  /** Ids already in the store, tombstones included: inserting over one would be a conflict. */
  async function existingIds(entity: ImportEntity, ids: ReadonlyArray<string>): Promise<Set<string>> {
    const found = new Set<string>();
    for (const chunk of chunks([...ids], LOOKUP_CHUNK)) {
      for (const doc of await collectionOf(entity).storageInstance.findDocumentsById(chunk, true)) found.add(doc.id);
    }
    return found;
  }

  async function commit(item: Staged, importId: string, session: SessionContext): Promise<ImportSummary> {
    const progress = (phase: 'validating' | 'writing' | 'done', done: number): void =>
      session.emit('import.progress', { importId, phase, done, total: item.rows.length });
    progress('validating', 0);
    const { valid, issues, rejectedRows } = await validateAll(item, item.rows, (done) => progress('validating', done));
    progress('writing', 0);
    let conflicts = 0;
    if (valid.length > 0) {
      // One bulkInsert = one storage bulkWrite = one SQLite transaction (see sqlite-storage-instance.ts).
      const result = await collectionOf(item.entity).bulkInsert(valid.map(({ doc }) => doc));
      // Only a concurrent writer can cause these (ids were checked above); those rows were not written.
      const rowOf = new Map(valid.map(({ row, doc }) => [doc.id, row]));
      for (const error of result.error) {
        issues.push({
          row: rowOf.get(error.documentId) ?? 0,
          field: 'id',
          code: 'existing_id',
          message: `id "${error.documentId}" was written meanwhile`,
        });
      }
      conflicts = result.error.length;
    }
    progress('done', item.rows.length);
    return { imported: valid.length - conflicts, rejectedRows: rejectedRows + conflicts, issues };
  }

  return defineHandlers({
    'import.preview': async ({ entity, columns, defaults, rows }) => {
      const problem = checkColumns(entity, columns, defaults);
      if (problem) return fail('invalid_request', `import.preview: ${problem}`);
      const { issues, valid } = await validateAll({ entity, columns, defaults }, rows, () => undefined);
      const duplicates = await importRowDuplicates(deps.duplicates ?? NO_STORED_RECORDS, entity, valid);
      return ok({ issues, duplicates });
    },

    'import.begin': async ({ entity, columns, defaults, totalRows }, session) => {
      const problem = checkColumns(entity, columns, defaults);
      if (problem) return fail('invalid_request', `import.begin: ${problem}`);
      const open = [...staged.values()].filter((item) => item.sessionId === session.sessionId).length;
      if (open >= MAX_OPEN_PER_SESSION)
        return fail('invalid_state', `At most ${MAX_OPEN_PER_SESSION} imports at once; finish or cancel one first`);
      const importId = randomUUID();
      staged.set(importId, { sessionId: session.sessionId, entity, columns, defaults, totalRows, rows: [] });
      session.onClose(() => staged.delete(importId));
      return ok({ importId });
    },

    'import.rows': async ({ importId, rows }, session) => {
      const item = staged.get(importId);
      if (!item || item.sessionId !== session.sessionId) return fail('not_found', `No import ${importId} in progress`);
      if (item.rows.length + rows.length > item.totalRows) {
        staged.delete(importId);
        return fail('invalid_request', `import.rows: more rows than the ${item.totalRows} announced; the import was cancelled`);
      }
      item.rows.push(...rows);
      return ok({ received: item.rows.length });
    },

    'import.commit': async ({ importId }, session) => {
      const item = staged.get(importId);
      if (!item || item.sessionId !== session.sessionId) return fail('not_found', `No import ${importId} in progress`);
      if (item.rows.length !== item.totalRows) return fail('invalid_state', `Received ${item.rows.length} of ${item.totalRows} rows`);
      staged.delete(importId);
      try {
        return ok(await commit(item, importId, session));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return fail('internal', `The import failed and nothing was written: ${message}`);
      }
    },

    'import.cancel': async ({ importId }, session) => {
      const item = staged.get(importId);
      const removed = item !== undefined && item.sessionId === session.sessionId;
      if (removed) staged.delete(importId);
      return ok({ removed });
    },
  });
}

const NO_STORED_RECORDS: ExistingDuplicates = { candidatesForMany: () => Promise.resolve(new Map()) };

function chunks<T>(items: ReadonlyArray<T>, size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}
