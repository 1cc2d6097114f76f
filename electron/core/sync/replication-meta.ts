import {
  getComposedPrimaryKeyOfDocumentData,
  getRxReplicationMetaInstanceSchema,
  hasEncryption,
  type RxCollection,
  type RxStorageInstance,
  type RxStorageReplicationMeta,
} from 'rxdb';
import { crmCollections, type CrmCollectionName } from '../../../shared/schemas/registry';
import type { SyncDoc } from './field-merge';
import type { SyncIdentity } from './sync-side-tables';

export type ReplicationMetaInstance = RxStorageInstance<RxStorageReplicationMeta<SyncDoc, unknown>, unknown, unknown>;

/** One replication state per server, user, collection and schema version. */
export function replicationIdentifier(identity: SyncIdentity, name: CrmCollectionName): string {
  return `fieldcrm|${identity.serverUrl}|${identity.userId}|${name}|v${crmCollections[name].version}`;
}

/**
 * Opens the storage RxDB's replication keeps its checkpoints and assumed server states in, without
 * starting a replication: signed out, it still says what the next sign-in will upload. Named and
 * shaped exactly as `RxReplicationState` does (rxdb/src/plugins/replication/index.ts, metaInfoPromise);
 * replication-meta.test.ts holds the two together. The caller closes it.
 */
export async function openReplicationMeta(collection: RxCollection<SyncDoc>, identifier: string): Promise<ReplicationMetaInstance> {
  const database = collection.database;
  const collectionName = await replicationMetaName(collection, identifier);
  const schema = getRxReplicationMetaInstanceSchema<SyncDoc, unknown>(
    collection.schema.jsonSchema,
    hasEncryption(collection.schema.jsonSchema),
  );
  return database.storage.createStorageInstance<RxStorageReplicationMeta<SyncDoc, unknown>>({
    databaseName: database.name,
    collectionName,
    databaseInstanceToken: database.token,
    multiInstance: database.multiInstance,
    options: {},
    schema,
    password: database.password,
    devMode: false,
  }) as Promise<ReplicationMetaInstance>;
}

export async function replicationMetaName(collection: RxCollection<SyncDoc>, identifier: string): Promise<string> {
  return `rx-replication-meta-${await collection.database.hashFunction([collection.name, identifier].join('-'))}`;
}

/** The fork position up to which the upstream has handed everything to the server (RxDB's 'up' checkpoint). */
export async function upstreamCheckpoint(meta: ReplicationMetaInstance): Promise<unknown> {
  const id = getComposedPrimaryKeyOfDocumentData(meta.schema, { isCheckpoint: '1', itemId: 'up' });
  const [doc] = await meta.findDocumentsById([id], false);
  return doc?.checkpointData;
}

/** What the replication last knew the server to hold for each id (absent: never on the server). */
export async function assumedServerStates(meta: ReplicationMetaInstance, ids: ReadonlyArray<string>): Promise<Map<string, object>> {
  const keys = ids.map((id) => getComposedPrimaryKeyOfDocumentData(meta.schema, { itemId: id, isCheckpoint: '0' }));
  const docs = await meta.findDocumentsById(keys, true);
  const out = new Map<string, object>();
  for (const doc of Object.values(docs)) if (doc.docData) out.set(doc.itemId, doc.docData);
  return out;
}
