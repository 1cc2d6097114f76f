import { expect } from 'vitest';
import { getChangedDocumentsSince, normalizeMangoQuery, prepareQuery, randomToken } from 'rxdb/plugins/core';
import type {
  BulkWriteRow,
  EventBulk,
  FilledMangoQuery,
  PreparedQuery,
  RxStorage,
  RxStorageBulkWriteResponse,
  RxStorageChangeEvent,
  RxStorageDefaultCheckpoint,
  RxStorageInstance,
} from 'rxdb/plugins/core';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Op, QuerySpec, WriteSpec } from './differential-ops';
import { contactSchema, createContactsInstance } from './test-schema';
import type { Contact, StoredContact } from './test-schema';

type Instance = RxStorageInstance<Contact, unknown, unknown, RxStorageDefaultCheckpoint>;
type Bulk = EventBulk<RxStorageChangeEvent<Contact>, RxStorageDefaultCheckpoint>;
type AnyStorage = RxStorage<unknown, unknown>;

export type StoragePair = {
  readonly memory: Instance;
  readonly sqlite: Instance;
  readonly memoryEvents: Bulk[];
  readonly sqliteEvents: Bulk[];
  close(): Promise<void>;
};

const createInstance = (storage: AnyStorage, databaseName: string): Promise<Instance> => createContactsInstance(storage, databaseName);

export async function createPair(sqliteStorage: AnyStorage, databaseName = `diff${randomToken(8)}`): Promise<StoragePair> {
  const memory = await createInstance(getRxStorageMemory() as AnyStorage, databaseName);
  const sqlite = await createInstance(sqliteStorage, databaseName);
  const memoryEvents: Bulk[] = [];
  const sqliteEvents: Bulk[] = [];
  const subscriptions = [
    memory.changeStream().subscribe((b) => memoryEvents.push(b)),
    sqlite.changeStream().subscribe((b) => sqliteEvents.push(b)),
  ];
  return {
    memory,
    sqlite,
    memoryEvents,
    sqliteEvents,
    async close() {
      subscriptions.forEach((s) => s.unsubscribe());
      // remove() so the memory storage's process-wide state does not grow with every run.
      await memory.remove();
      await sqlite.close();
    },
  };
}

const LWT_BASE = 1_700_000_000_000;
const DEFAULT_FIELDS: Omit<Contact, 'id'> = { name: 'a', age: 1, score: 0, active: true, address: { city: 'Rome' } };

/** Mutable per-script counters: every written revision and lwt is unique unless a batch shares its lwt. */
export type ScriptClock = { step: number; lwt: number };

function heightOf(doc: StoredContact | undefined): number {
  return doc ? Number.parseInt(doc._rev.split('-')[0] ?? '0', 10) : 0;
}

function writeRowFor(spec: WriteSpec, stored: StoredContact | undefined, clock: ScriptClock, lwt: number): BulkWriteRow<Contact> {
  const fields = spec.kind === 'delete' ? (stored ?? { id: spec.id, ...DEFAULT_FIELDS }) : spec.fields;
  const ghost: StoredContact = {
    id: spec.id,
    ...DEFAULT_FIELDS,
    _deleted: false,
    _rev: '1-ghost',
    _meta: { lwt: LWT_BASE },
    _attachments: {},
  };
  let previous: StoredContact | undefined;
  if (spec.kind !== 'insert' && !(spec.kind === 'update' && spec.previous === 'none')) {
    const base = stored ?? ghost;
    previous = spec.previous === 'right' ? base : { ...base, _rev: `${heightOf(base)}-wrong` };
  }
  const { _deleted: _d, _rev: _r, _meta: _m, _attachments: _a, ...plain } = fields as StoredContact;
  const document: StoredContact = {
    ...(plain as Contact),
    id: spec.id,
    _deleted: spec.kind === 'delete' || (spec.kind === 'insert' && spec.deleted),
    _rev: `${heightOf(previous) + 1}-s${clock.step}`,
    _meta: { lwt },
    _attachments: {},
  };
  return previous ? { previous, document } : { document };
}

function comparableErrors(response: RxStorageBulkWriteResponse<Contact>) {
  return response.error.map((e) => ({
    status: e.status,
    documentId: e.documentId,
    isError: e.isError,
    documentInDb: 'documentInDb' in e ? e.documentInDb : undefined,
  }));
}

function comparableEvents(bulks: Bulk[]) {
  return bulks.map((b) => ({ context: b.context, checkpoint: b.checkpoint, events: b.events }));
}

function prepared(spec: QuerySpec): PreparedQuery<StoredContact> | undefined {
  try {
    const query = normalizeMangoQuery<StoredContact>(contactSchema, spec) as FilledMangoQuery<StoredContact>;
    return prepareQuery<StoredContact>(contactSchema, query);
  } catch {
    return undefined; // the planner rejected the generated query; not a storage concern
  }
}

async function applyWrite(pair: StoragePair, rows: WriteSpec[], sameLwt: boolean, clock: ScriptClock): Promise<void> {
  const ids = rows.map((r) => r.id);
  const storedDocs = await pair.memory.findDocumentsById(ids, true);
  const byId = new Map(storedDocs.map((d) => [d.id, d as StoredContact]));
  const writeRows = rows.map((spec) => {
    clock.step++;
    if (!sameLwt) {
      clock.lwt++;
    }
    return writeRowFor(spec, byId.get(spec.id), clock, clock.lwt);
  });
  clock.lwt++;
  const before = pair.memoryEvents.length;
  const memoryResult = await pair.memory.bulkWrite(writeRows, 'diff');
  const sqliteResult = await pair.sqlite.bulkWrite(writeRows, 'diff');
  expect(comparableErrors(sqliteResult)).toEqual(comparableErrors(memoryResult));
  expect(comparableEvents(pair.sqliteEvents.slice(before))).toEqual(comparableEvents(pair.memoryEvents.slice(before)));
}

/** Applies one op to both storages and fails on the first observable difference. */
export async function applyOp(pair: StoragePair, op: Op, clock: ScriptClock): Promise<void> {
  const { memory, sqlite } = pair;
  switch (op.kind) {
    case 'write':
      return applyWrite(pair, op.rows, op.sameLwt, clock);
    case 'query': {
      const query = prepared(op.query);
      if (query) {
        expect((await sqlite.query(query)).documents).toEqual((await memory.query(query)).documents);
      }
      return;
    }
    case 'count': {
      const query = prepared({ selector: op.selector, sort: [] });
      if (query) {
        expect(await sqlite.count(query)).toEqual(await memory.count(query));
      }
      return;
    }
    case 'findById':
      expect(await sqlite.findDocumentsById(op.ids, op.withDeleted)).toEqual(await memory.findDocumentsById(op.ids, op.withDeleted));
      return;
    case 'changes': {
      let memoryCheckpoint: RxStorageDefaultCheckpoint | undefined;
      let sqliteCheckpoint: RxStorageDefaultCheckpoint | undefined;
      for (let page = 0; page < 40; page++) {
        const fromMemory = await getChangedDocumentsSince(memory, op.pageSize, memoryCheckpoint);
        const fromSqlite = await getChangedDocumentsSince(sqlite, op.pageSize, sqliteCheckpoint);
        expect(fromSqlite).toEqual(fromMemory);
        memoryCheckpoint = fromMemory.checkpoint;
        sqliteCheckpoint = fromSqlite.checkpoint;
        if (fromMemory.documents.length < op.pageSize) {
          return;
        }
      }
      return;
    }
    case 'cleanup':
      expect(await sqlite.cleanup(0)).toEqual(await memory.cleanup(0));
      return;
  }
}

export async function runScript(pair: StoragePair, script: readonly Op[]): Promise<void> {
  const clock: ScriptClock = { step: 0, lwt: LWT_BASE };
  for (const op of script) {
    await applyOp(pair, op, clock);
  }
  // Whatever happened, both must end with the same full contents.
  await applyOp(pair, { kind: 'changes', pageSize: 1000 }, clock);
}
