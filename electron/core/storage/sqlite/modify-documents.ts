import { getPrimaryFieldOfPrimaryKey } from 'rxdb/plugins/core';
import type { RxDocumentData, RxStorageInstance } from 'rxdb/plugins/core';
import { RxStorageInstanceSqlite, type Modify } from './sqlite-storage-instance';

type AnyInstance<RxDocType> = RxStorageInstance<RxDocType, unknown, unknown, unknown>;

/** Our storage's instance under any wrappers (a schema validator in tests), if that is what runs. */
function sqliteBeneath<RxDocType>(instance: AnyInstance<RxDocType>): RxStorageInstanceSqlite<RxDocType> | undefined {
  let at: unknown = instance;
  for (let depth = 0; at && depth < 8; depth++) {
    if (at instanceof RxStorageInstanceSqlite) return at as RxStorageInstanceSqlite<RxDocType>;
    at = (at as { originalStorageInstance?: unknown }).originalStorageInstance;
  }
  return undefined;
}

/**
 * Rewrites documents from their stored state: on the SQLite storage in one transaction that reads
 * each row once (RxStorageInstanceSqlite.modify); on any other storage, a read and a bulkWrite that
 * quotes what was read, so a row written in between is refused and keeps that write. `instance`
 * is below RxDB's own wrapper: `next` sets `_rev` and `_meta` itself. Resolves to the documents
 * written.
 */
export async function modifyDocuments<RxDocType>(
  instance: AnyInstance<RxDocType>,
  ids: readonly string[],
  next: Modify<RxDocType>,
  context: string,
): Promise<RxDocumentData<RxDocType>[]> {
  if (ids.length === 0) return [];
  const sqlite = sqliteBeneath(instance);
  if (sqlite) return sqlite.modify(ids, next, context);
  const writes = [];
  for (const previous of await instance.findDocumentsById([...ids], true)) {
    const document = next(previous);
    if (document) writes.push({ previous, document });
  }
  if (writes.length === 0) return [];
  const result = await instance.bulkWrite(writes, context);
  const primaryPath = getPrimaryFieldOfPrimaryKey(instance.schema.primaryKey) as keyof RxDocumentData<RxDocType>;
  const refused = new Set(result.error.map((error) => error.documentId));
  return writes.filter(({ document }) => !refused.has(String(document[primaryPath]))).map(({ document }) => document);
}
