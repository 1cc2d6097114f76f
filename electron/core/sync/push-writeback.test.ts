import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RxCollection, RxReplicationWriteToMasterRow } from 'rxdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_KEY } from '../../../tests/support/test-database-key';
import { isRepullableWrite } from '../storage/sqlite/pulled-write-durability';
import { createCore, LOCAL_ACTOR, type Core } from '../core';
import { PUSH_ADOPTION_CONTEXT } from '../db/domain-changes';
import type { SyncDoc } from './field-merge';
import { createEchoFilter, WRITEBACK_CONTEXT, writeBackAccepted } from './push-writeback';

describe('echo filter', () => {
  const doc = (id: string, serverRevision: number) => ({ id, serverRevision });

  it('drops our own pushes at the revision we were told, and nothing else', async () => {
    const echoes = createEchoFilter();
    echoes.expect([
      { id: 'a', serverRevision: 1, serverUpdatedAt: 10 },
      { id: 'b', serverRevision: 4, serverUpdatedAt: 10 },
    ]);
    // b changed again on the server since (revision 5): it must reach the client.
    const kept = await echoes.dropAfterPushes([doc('a', 1), doc('b', 5), doc('c', 1)]);
    expect(kept.map((d) => d.id)).toEqual(['b', 'c']);
    // The same echo pulled again after a resync is still ours.
    expect((await echoes.dropAfterPushes([doc('a', 1), doc('c', 2)])).map((d) => d.id)).toEqual(['c']);
  });

  it("keeps a page's last document when every one is an echo, so the pull checkpoint moves on", async () => {
    const echoes = createEchoFilter();
    echoes.expect([1, 2, 3].map((n) => ({ id: `d${n}`, serverRevision: 1, serverUpdatedAt: 10 })));
    expect(await echoes.dropAfterPushes([doc('d1', 1), doc('d2', 1), doc('d3', 1)])).toEqual([doc('d3', 1)]);
    expect(await echoes.dropAfterPushes([])).toEqual([]);
  });

  it('holds a pulled page that carries a document of an unanswered push until the answer', async () => {
    const echoes = createEchoFilter();
    let answer: () => void = () => undefined;
    const push = echoes.track(
      ['p'],
      new Promise<void>((resolve) => {
        answer = () => {
          echoes.expect([{ id: 'p', serverRevision: 1, serverUpdatedAt: 10 }]);
          resolve();
        };
      }),
    );
    let settled: Array<{ id: string }> | undefined;
    const pulled = echoes.dropAfterPushes([doc('p', 1), doc('q', 1)]).then((docs) => (settled = docs));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBeUndefined();
    answer();
    await push;
    await pulled;
    expect(settled?.map((d) => d.id)).toEqual(['q']);
    // Pages without such documents never wait.
    echoes.track(['r'], new Promise(() => undefined));
    expect(await echoes.dropAfterPushes([doc('s', 1)])).toEqual([doc('s', 1)]);
  });

  it('knows a written-back document as confirmed until anything writes it again', () => {
    const echoes = createEchoFilter();
    echoes.writtenBack(new Map([['a', '2-x']]));
    expect(echoes.confirmed('a', '2-x')).toBe(true);
    // Edited since (a new _rev): waiting again.
    expect(echoes.confirmed('a', '3-y')).toBe(false);
    expect(echoes.confirmed('b', '2-x')).toBe(false);
  });

  it('forgets everything on clear (a pull from the start sees every document)', async () => {
    const echoes = createEchoFilter();
    echoes.expect([{ id: 'a', serverRevision: 1, serverUpdatedAt: 10 }]);
    echoes.clear();
    expect(await echoes.dropAfterPushes([doc('a', 1)])).toEqual([doc('a', 1)]);
  });
});

describe('write-back of pushed revisions', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-push-writeback-'));
  let core: Core;
  let accounts: RxCollection<SyncDoc>;

  beforeAll(async () => {
    core = await createCore({ dataDir, databaseKey: TEST_DATABASE_KEY, host: 'browser', appVersion: 'test', log: () => undefined });
    accounts = core.db.accounts as unknown as RxCollection<SyncDoc>;
  });
  afterAll(async () => {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const create = async (name: string): Promise<{ id: string }> => {
    const session = core.openSession(() => undefined);
    const r = await session.call('accounts.create', { values: { name, status: 'active', tier: 'key', region: 'emea', currency: 'EUR' } });
    session.close();
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const rename = async (id: string, name: string): Promise<void> => {
    const session = core.openSession(() => undefined);
    const r = await session.call('accounts.update', { id, patch: { name } });
    session.close();
    if (!r.ok) throw new Error(r.error.message);
  };
  const pushedState = async (id: string): Promise<RxReplicationWriteToMasterRow<SyncDoc>> => {
    const [stored] = await accounts.storageInstance.findDocumentsById([id], true);
    const { _meta: _m, _rev: _r, _attachments: _a, ...state } = stored as unknown as Record<string, unknown>;
    return { newDocumentState: state as SyncDoc };
  };

  it('gives the local document and the assumed server state the revision, keeping the change feed position', async () => {
    const doc = await create('Written back');
    const row = await pushedState(String(doc.id));
    const [before] = await accounts.storageInstance.findDocumentsById([String(doc.id)], true);
    const written = await writeBackAccepted(accounts, [row], [{ id: String(doc.id), serverRevision: 3, serverUpdatedAt: 1234 }]);
    const [after] = await accounts.storageInstance.findDocumentsById([String(doc.id)], true);
    expect([...written]).toEqual([[doc.id, after?._rev]]);
    expect(after).toMatchObject({ name: 'Written back', serverRevision: 3, serverUpdatedAt: 1234 });
    expect(after?._meta.lwt).toBe(before?._meta.lwt);
    expect(after?._rev).not.toBe(before?._rev);
    expect(row.newDocumentState).toMatchObject({ serverRevision: 3, serverUpdatedAt: 1234 });
    // RxDB's documents hear of it (the change event), so the next local edit starts from it.
    expect((await accounts.findOne(String(doc.id)).exec())?.toJSON()).toMatchObject({ serverRevision: 3 });
  });

  it('leaves a document edited since the push alone: the edit stays, to be pushed with the revision', async () => {
    const doc = await create('Before');
    const row = await pushedState(String(doc.id));
    await rename(doc.id, 'Edited meanwhile');
    const written = await writeBackAccepted(accounts, [row], [{ id: String(doc.id), serverRevision: 1, serverUpdatedAt: 99 }]);
    expect(written.size).toBe(0);
    const [after] = await accounts.storageInstance.findDocumentsById([String(doc.id)], true);
    expect(after).toMatchObject({ name: 'Edited meanwhile' });
    expect(after?.serverRevision).toBeUndefined();
    expect(row.newDocumentState).toMatchObject({ name: 'Before', serverRevision: 1 });
  });

  it("hands a record of the app's local user, pushed as the rep's, to the rep in the same write", async () => {
    const [kept, edited] = [await create('Imported offline'), await create('Imported, then edited')];
    const rows = [await pushedState(kept.id), await pushedState(edited.id)];
    for (const row of rows) Object.assign(row.newDocumentState, { ownerId: 'rep-1', teamId: 'team-1' });
    const [before] = await accounts.storageInstance.findDocumentsById([kept.id], true);
    expect(before).toMatchObject({ ownerId: LOCAL_ACTOR.ownerId });
    await rename(edited.id, 'Edited meanwhile');
    const contexts: string[] = [];
    const subscription = accounts.eventBulks$.subscribe((bulk) => contexts.push(bulk.context));
    const written = await writeBackAccepted(
      accounts,
      rows,
      rows.map((row) => ({ id: String(row.newDocumentState.id), serverRevision: 1, serverUpdatedAt: 7 })),
      { from: LOCAL_ACTOR.ownerId, ids: new Set([kept.id, edited.id]) },
    );
    subscription.unsubscribe();
    expect([...written.keys()]).toEqual([kept.id]);
    const [after, editedAfter] = await accounts.storageInstance.findDocumentsById([kept.id, edited.id], true);
    expect(after).toMatchObject({ name: 'Imported offline', ownerId: 'rep-1', teamId: 'team-1', serverRevision: 1 });
    expect(after?._meta.lwt).toBe(before?._meta.lwt);
    // The edit is the next push's (as the rep's again); until then the record stays the local user's.
    expect(editedAfter).toMatchObject({ name: 'Edited meanwhile', ownerId: LOCAL_ACTOR.ownerId });
    expect(editedAfter?.serverRevision).toBeUndefined();
    // Dashboards and segments hear of the new owner; the search index (no owner in it) skips it.
    expect(contexts).toEqual([PUSH_ADOPTION_CONTEXT]);
    expect(isRepullableWrite(PUSH_ADOPTION_CONTEXT)).toBe(true);

    // The rep's record pushed again, in a batch that adopted others: a write-back of bookkeeping only.
    const again = await pushedState(kept.id);
    contexts.length = 0;
    const second = accounts.eventBulks$.subscribe((bulk) => contexts.push(bulk.context));
    const rewritten = await writeBackAccepted(accounts, [again], [{ id: kept.id, serverRevision: 2, serverUpdatedAt: 8 }], {
      from: LOCAL_ACTOR.ownerId,
      ids: new Set([edited.id]),
    });
    second.unsubscribe();
    expect([...rewritten.keys()]).toEqual([kept.id]);
    expect(contexts).toEqual([WRITEBACK_CONTEXT]);
  });

  it('writes only rows the server accepted', async () => {
    const doc = await create('Refused');
    const row = await pushedState(String(doc.id));
    expect((await writeBackAccepted(accounts, [row], [])).size).toBe(0);
    expect((await writeBackAccepted(accounts, [row], [{ id: 'someone-else', serverRevision: 1, serverUpdatedAt: 1 }])).size).toBe(0);
    expect(row.newDocumentState.serverRevision).toBeUndefined();
  });

  it('commits like pulled data (a lost write-back is brought again by the server)', () => {
    expect(isRepullableWrite(WRITEBACK_CONTEXT)).toBe(true);
  });
});
