import { createCore, LOCAL_ACTOR } from '../../electron/core/core';
import type { SyncStatus } from '../../shared/contract/sync/sync-types';
import type { CrmCollectionName } from '../../shared/schemas/registry';
import type { ClientReply, ClientRequest } from './client-protocol';
import { TEST_DATABASE_KEY } from '../support/test-database-key';

/**
 * One client core per process: RxDB's open-source limit of 13 collections is module-global, so
 * two cores of 12 collections cannot share a module graph. The test drives this over IPC.
 */
async function main(): Promise<void> {
  const dataDir = process.env.CLIENT_DATA_DIR;
  if (!dataDir || !process.send) throw new Error('client-worker needs CLIENT_DATA_DIR and an IPC channel');
  const core = await createCore({ dataDir, databaseKey: TEST_DATABASE_KEY, host: 'browser', appVersion: 'test', log: () => undefined });
  const statusLog: SyncStatus[] = [];
  const session = core.openSession((event, payload) => {
    if (event === 'sync.status') statusLog.push(payload as SyncStatus);
  });
  const send = (reply: ClientReply): void => {
    process.send?.(reply);
  };

  process.on('message', (message: ClientRequest) => {
    void handle(message).then(
      (value) => send({ id: message.id, ok: true, value }),
      (error: unknown) =>
        send({ id: message.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });

  async function handle(message: ClientRequest): Promise<unknown> {
    switch (message.op) {
      case 'call':
        return session.request(message.name, message.params);
      case 'docs': {
        const docs = await core.db[message.collection as CrmCollectionName].find().exec();
        return docs.map((doc) => doc.toJSON(false)).sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
      }
      case 'count':
        return core.db[message.collection as CrmCollectionName].count().exec();
      case 'waitValue':
        // Accounts only: the one collection the latency measurement edits.
        return new Promise<number>((resolve) => {
          const query = core.db.accounts.findOne(message.docId);
          const subscription = query.$.subscribe((doc) => {
            if (doc && (doc.toJSON(false) as Record<string, unknown>)[message.field] === message.value) {
              subscription.unsubscribe();
              resolve(Date.now());
            }
          });
        });
      case 'statusLog':
        return statusLog;
      case 'insertAccounts': {
        const now = Date.now();
        for (let from = 1; from <= message.count; from += 10_000) {
          const docs = Array.from({ length: Math.min(10_000, message.count - from + 1) }, (_, k) => {
            const n = from + k;
            return {
              id: `${message.prefix}-${String(n).padStart(6, '0')}`,
              ownerId: LOCAL_ACTOR.ownerId,
              teamId: LOCAL_ACTOR.teamId,
              createdAt: now,
              updatedAt: now,
              name: `Account ${n}`,
              status: 'active' as const,
              tier: 'key' as const,
              region: 'emea' as const,
              currency: 'EUR',
              city: 'Berlin',
              industry: 'Software',
              phone: `+49 30 ${n}`,
              employees: n % 5000,
            };
          });
          const result = await core.db.accounts.bulkInsert(docs);
          if (result.error.length > 0) throw new Error(`insertAccounts: ${result.error.length} rows refused`);
        }
        return message.count;
      }
      case 'close':
        session.close();
        await core.close();
        setImmediate(() => process.exit(0));
        return true;
    }
  }
  process.send({ ready: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
