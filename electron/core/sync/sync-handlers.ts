import type { RxCollection } from 'rxdb';
import { fail, ok } from '../../../shared/contract/result';
import type { CrmDatabase } from '../db/open-crm-database';
import { defineHandlers } from '../rpc/dispatcher';
import type { SyncDoc } from './field-merge';
import type { SyncEngine } from './sync-engine';

/** sync.*, conflicts.*, auth.* requests over the sync engine. */
export function createSyncHandlers(deps: { readonly engine: SyncEngine; readonly db: CrmDatabase; readonly now: () => number }) {
  const { engine } = deps;
  return defineHandlers({
    'sync.status': async () => ok(engine.status()),
    'sync.now': async () => ok(engine.syncNow()),
    'sync.pending': async ({ limit }) => ok(await engine.pendingChanges(limit)),
    'conflicts.list': async ({ limit }) =>
      ok({ conflicts: engine.tables.listOpenConflicts(limit), total: engine.tables.openConflictCount() }),
    'conflicts.resolve': async ({ id, use }) => {
      const conflict = engine.tables.getConflict(id);
      if (!conflict) return fail('not_found', `No conflict with id ${id}`);
      if (conflict.resolved) return fail('invalid_state', `Conflict ${id} was already resolved`);
      const collection = deps.db[conflict.collection] as unknown as RxCollection<SyncDoc>;
      const chosen = use === 'local' ? conflict.localValue : conflict.serverValue;
      const doc = await collection.findOne(conflict.docId).exec();
      let applied = false;
      if (conflict.field === '_deleted') {
        // The edit won when the conflict was found; choosing the delete means deleting now (it syncs).
        if (chosen === true && doc) {
          await doc.remove();
          applied = true;
        }
      } else if (use === 'local') {
        if (!doc) return fail('invalid_state', `The record ${conflict.docId} was deleted since; restore it first`);
        // A normal local edit: it goes through the same replication as any other change.
        await doc.incrementalModify((data) => {
          const next: Record<string, unknown> = { ...data };
          if (chosen === null) delete next[conflict.field];
          else next[conflict.field] = chosen;
          next.updatedAt = Math.max(deps.now(), typeof data.updatedAt === 'number' ? data.updatedAt : 0);
          return next as typeof data;
        });
        applied = true;
      }
      engine.tables.markResolved(id, use);
      engine.conflictsChanged();
      return ok({ id, applied });
    },
    'auth.signIn': async ({ serverUrl, email, password }) => ok(await engine.signIn(serverUrl, email, password)),
    'auth.signOut': async ({ wipe }) => {
      await engine.signOut(wipe);
      return ok({ signedOut: true as const, wiped: wipe });
    },
    'auth.session': async () => ok(engine.session()),
  });
}
