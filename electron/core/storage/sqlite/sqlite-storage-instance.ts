import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Subject } from 'rxjs';
import type { Observable } from 'rxjs';
import { categorizeBulkWriteRows, now } from 'rxdb/plugins/core';
import type {
  BulkWriteRow,
  CategorizeBulkWriteRowsOutput,
  EventBulk,
  PreparedQuery,
  RxDocumentData,
  RxJsonSchema,
  RxStorageBulkWriteResponse,
  RxStorageChangeEvent,
  RxStorageCountResult,
  RxStorageDefaultCheckpoint,
  RxStorageInstance,
  RxStorageInstanceCreationParams,
  RxStorageQueryResult,
} from 'rxdb/plugins/core';
import { runAsBulkWrite } from './bulk-write-policy';
import { runWithPulledDurability } from './pulled-write-durability';
import type { SqliteConnectionPool } from './sqlite-connection-pool';
import type { HookTable, SqliteWriteHook, StoredDocument } from './sqlite-hooks';
import { FacetCache } from './sqlite-facets';
import { runCount, runQuery } from './sqlite-query';
import { SqliteStatements } from './sqlite-statements';
import { describeTable, dropTable, ensureTable } from './sqlite-table';
import type { SqliteTable } from './sqlite-table';
import type { SqliteChangeBulk, SqliteInstanceOptions, SqliteInternals } from './sqlite-types';

/** What modify() stores instead of a stored document, or undefined to leave it. */
export type Modify<RxDocType> = (stored: RxDocumentData<RxDocType>) => RxDocumentData<RxDocType> | undefined;

type ChangeBulk<RxDocType> = EventBulk<RxStorageChangeEvent<RxDocumentData<RxDocType>>, RxStorageDefaultCheckpoint>;

/** Tombstones deleted per cleanup() call, so one call never blocks the main process for long. */
const CLEANUP_BATCH = 10_000;

export class RxStorageInstanceSqlite<RxDocType> implements RxStorageInstance<
  RxDocType,
  SqliteInternals,
  SqliteInstanceOptions,
  RxStorageDefaultCheckpoint
> {
  readonly databaseName: string;
  readonly collectionName: string;
  readonly schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>;
  readonly internals: SqliteInternals;
  readonly options: Readonly<SqliteInstanceOptions>;
  private readonly table: SqliteTable<RxDocType>;
  private readonly hookTable: HookTable;
  private readonly statements: SqliteStatements<RxDocType>;
  private readonly changes$: Subject<ChangeBulk<RxDocType>>;
  private readonly facets: FacetCache;
  private readonly changesIndexString: (doc: RxDocumentData<RxDocType>) => string;
  private readonly writeTransaction: (rows: BulkWriteRow<RxDocType>[], context: string) => CategorizeBulkWriteRowsOutput<RxDocType>;
  private readonly modifyTransaction: (
    ids: readonly string[],
    next: Modify<RxDocType>,
    context: string,
  ) => CategorizeBulkWriteRowsOutput<RxDocType>;
  private closed = false;

  constructor(
    params: RxStorageInstanceCreationParams<RxDocType, SqliteInstanceOptions>,
    private readonly pool: SqliteConnectionPool,
    private readonly hooks: readonly SqliteWriteHook[],
  ) {
    this.databaseName = params.databaseName;
    this.collectionName = params.collectionName;
    this.schema = params.schema;
    this.options = params.options;
    this.table = describeTable(params.collectionName, params.schema);
    const connection = pool.acquire(params.databaseName);
    this.hookTable = { collectionName: this.collectionName, schemaVersion: this.schema.version, tableName: this.table.name };
    try {
      ensureTable(connection.db, this.table);
      this.statements = new SqliteStatements(connection.db, this.table);
      this.openHooks(connection.db);
    } catch (error) {
      pool.release(connection);
      throw error;
    }
    this.internals = { connection, tableName: this.table.name };
    this.changes$ = changeSubjectOf<RxDocType>(connection.changeSubjects, this.table.name);
    this.facets = facetCacheOf(connection.facets, this.table.name);
    this.changesIndexString = this.table.changesIndex.codec.docKey;
    this.writeTransaction = connection.db.transaction((rows: BulkWriteRow<RxDocType>[], context: string) =>
      this.writeInTransaction(connection.db, rows, context),
    ).immediate;
    this.modifyTransaction = connection.db.transaction((ids: readonly string[], next: Modify<RxDocType>, context: string) =>
      this.modifyInTransaction(connection.db, ids, next, context),
    ).immediate;
  }

  /** Lets each hook see the table before this instance writes to it (see SqliteWriteHook.openTable). */
  private openHooks(db: BetterSqlite3.Database): void {
    const opening = this.hooks.filter((hook) => hook.openTable !== undefined);
    if (opening.length === 0) return;
    db.transaction(() => {
      for (const hook of opening) hook.openTable?.(db, this.hookTable, () => this.statements.allRows());
    }).immediate();
  }

  private get db(): BetterSqlite3.Database {
    return this.internals.connection.db;
  }

  private ensureOpen(): void {
    if (this.closed) {
      throw new Error(`SQLite storage: ${this.databaseName}/${this.collectionName} is closed`);
    }
  }

  /** Runs inside one SQLite transaction: conflict check, writes and hooks commit or roll back together. */
  private writeInTransaction(
    db: BetterSqlite3.Database,
    rows: BulkWriteRow<RxDocType>[],
    context: string,
  ): CategorizeBulkWriteRowsOutput<RxDocType> {
    const rowidsInDb = new Map<string, number>();
    const docsInDb = this.statements.findByIds(
      rows.map((row) => row.document[this.table.primaryPath] as string),
      rowidsInDb,
    );
    return this.storeInTransaction(db, rows, context, docsInDb, rowidsInDb);
  }

  /** modify()'s transaction: each row is read once, and its new state is made from what was read. */
  private modifyInTransaction(
    db: BetterSqlite3.Database,
    ids: readonly string[],
    next: Modify<RxDocType>,
    context: string,
  ): CategorizeBulkWriteRowsOutput<RxDocType> {
    const rowidsInDb = new Map<string, number>();
    const docsInDb = this.statements.findByIds(ids, rowidsInDb);
    const rows: BulkWriteRow<RxDocType>[] = [];
    for (const previous of docsInDb.values()) {
      const document = next(previous);
      if (document) rows.push({ previous, document });
    }
    return this.storeInTransaction(db, rows, context, docsInDb, rowidsInDb);
  }

  private storeInTransaction(
    db: BetterSqlite3.Database,
    rows: BulkWriteRow<RxDocType>[],
    context: string,
    docsInDb: Map<string, RxDocumentData<RxDocType>>,
    rowidsInDb: Map<string, number>,
  ): CategorizeBulkWriteRowsOutput<RxDocType> {
    const primaryPath = this.table.primaryPath;
    const categorized = categorizeBulkWriteRows<RxDocType>(this, primaryPath, docsInDb, rows, context);
    const stored: StoredDocument[] = [];
    const rowids: number[] = [];
    const collect = (doc: RxDocumentData<RxDocType>, rowid: number): void => {
      stored.push(doc);
      rowids.push(rowid);
    };
    this.statements.insertAll(
      categorized.bulkInsertDocs.map((row) => row.document),
      collect,
    );
    this.statements.updateAll(
      categorized.bulkUpdateDocs.map((row) => row.document),
      (doc) => rowidsInDb.get(doc[primaryPath] as string) as number,
      (doc) => docsInDb.get(doc[primaryPath] as string),
      collect,
    );
    if (stored.length > 0) {
      this.facets.written(stored, rowids);
      const write = { docs: stored, rowids, inserted: categorized.bulkInsertDocs.length, context };
      for (const hook of this.hooks) {
        hook.afterWrite(db, this.hookTable, write);
      }
    }
    return categorized;
  }

  /** Runs a write transaction under the bulk-write and durability policies, then tells the listeners. */
  private commit(rowCount: number, context: string, transaction: () => CategorizeBulkWriteRowsOutput<RxDocType>) {
    this.ensureOpen();
    const connection = this.internals.connection;
    let categorized: CategorizeBulkWriteRowsOutput<RxDocType>;
    try {
      categorized = runAsBulkWrite(connection.db, connection.bulk, rowCount, () =>
        runWithPulledDurability(connection.db, connection.synchronous, context, transaction),
      );
    } catch (error) {
      // Rolled back: the sets may hold the write's rows.
      this.facets.clear();
      throw error;
    }
    // Committed: only now may anyone hear about it.
    connection.upkeep.touch();
    const eventBulk = categorized.eventBulk;
    if (eventBulk.events.length > 0 && categorized.newestRow) {
      const newest = categorized.newestRow.document;
      eventBulk.checkpoint = { id: newest[this.table.primaryPath] as string, lwt: newest._meta.lwt };
      this.changes$.next(eventBulk);
    }
    return categorized;
  }

  bulkWrite(documentWrites: BulkWriteRow<RxDocType>[], context: string): Promise<RxStorageBulkWriteResponse<RxDocType>> {
    try {
      const categorized = this.commit(documentWrites.length, context, () => this.writeTransaction(documentWrites, context));
      return Promise.resolve({ error: categorized.errors });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Rewrites stored documents from their current state in one transaction: `next` gets each
   * stored document (deleted ones too; ids not stored are skipped) and returns what to store
   * instead, or undefined to leave it as it is. Nothing else writes in between, so no row is
   * refused as a conflict, and each row is read once where a bulkWrite's caller reads it to quote
   * its revision and the write reads it again. Hooks and change events as for bulkWrite. The new
   * state needs its own `_rev` and `_meta` (this is below RxDB, which stamps them on its writes);
   * `next` must not change the document it is given. Resolves to the documents written.
   */
  modify(ids: readonly string[], next: Modify<RxDocType>, context: string): Promise<RxDocumentData<RxDocType>[]> {
    try {
      const categorized = this.commit(ids.length, context, () => this.modifyTransaction(ids, next, context));
      return Promise.resolve(categorized.bulkUpdateDocs.map((row) => row.document));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  findDocumentsById(ids: string[], withDeleted: boolean): Promise<RxDocumentData<RxDocType>[]> {
    try {
      this.ensureOpen();
      const found = this.statements.findByIds(ids);
      const result: RxDocumentData<RxDocType>[] = [];
      for (const id of ids) {
        const doc = found.get(id);
        if (doc && (withDeleted || !doc._deleted)) {
          result.push(doc);
        }
      }
      return Promise.resolve(result);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  query(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageQueryResult<RxDocType>> {
    try {
      this.ensureOpen();
      return Promise.resolve({ documents: runQuery(this.queryContext(), preparedQuery) });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  count(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageCountResult> {
    try {
      this.ensureOpen();
      return Promise.resolve({ count: runCount(this.queryContext(), preparedQuery), mode: 'fast' });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private queryContext() {
    return { schema: this.schema, table: this.table, statements: this.statements, facets: this.facets };
  }

  /** Walks documents in (lwt, primary key) order, the order RxDB's own fallback query uses. */
  getChangedDocumentsSince(
    limit: number,
    checkpoint?: RxStorageDefaultCheckpoint,
  ): Promise<{ documents: RxDocumentData<RxDocType>[]; checkpoint: RxStorageDefaultCheckpoint }> {
    try {
      this.ensureOpen();
      let after = '';
      if (checkpoint) {
        const probe = { [this.table.primaryPath]: checkpoint.id, _meta: { lwt: checkpoint.lwt } };
        after = this.changesIndexString(probe as unknown as RxDocumentData<RxDocType>);
      }
      const documents = this.statements.changesAfter(after, limit);
      const last = documents[documents.length - 1];
      const next = last ? { id: last[this.table.primaryPath] as string, lwt: last._meta.lwt } : (checkpoint ?? { id: '', lwt: 0 });
      return Promise.resolve({ documents, checkpoint: next });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  changeStream(): Observable<EventBulk<RxStorageChangeEvent<RxDocType>, RxStorageDefaultCheckpoint>> {
    this.ensureOpen();
    return this.changes$.asObservable() as Observable<EventBulk<RxStorageChangeEvent<RxDocType>, RxStorageDefaultCheckpoint>>;
  }

  cleanup(minimumDeletedTime: number): Promise<boolean> {
    try {
      this.ensureOpen();
      const removed = this.statements.deleteTombstones(now() - minimumDeletedTime, CLEANUP_BATCH);
      if (removed > 0) this.facets.tombstonesDeleted();
      return Promise.resolve(removed < CLEANUP_BATCH);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  getAttachmentData(): Promise<Blob> {
    return Promise.reject(new Error('SQLite storage: attachments are not supported'));
  }

  remove(): Promise<void> {
    try {
      this.ensureOpen();
      const db = this.db;
      this.facets.clear();
      db.transaction(() => {
        dropTable(db, this.table);
        for (const hook of this.hooks) {
          hook.onRemove?.(db, this.hookTable);
        }
      }).immediate();
    } catch (error) {
      return Promise.reject(error);
    }
    return this.close();
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.pool.release(this.internals.connection);
    }
    return Promise.resolve();
  }
}

/** One subject per table and connection: every instance of a collection hears every commit. */
function changeSubjectOf<RxDocType>(subjects: Map<string, Subject<SqliteChangeBulk>>, tableName: string): Subject<ChangeBulk<RxDocType>> {
  let subject = subjects.get(tableName);
  if (!subject) {
    subject = new Subject<SqliteChangeBulk>();
    subjects.set(tableName, subject);
  }
  return subject as unknown as Subject<ChangeBulk<RxDocType>>;
}

/** One facet cache per table and connection, like the change subject: every instance's writes keep it exact. */
function facetCacheOf(caches: Map<string, FacetCache>, tableName: string): FacetCache {
  let cache = caches.get(tableName);
  if (!cache) {
    cache = new FacetCache();
    caches.set(tableName, cache);
  }
  return cache;
}
