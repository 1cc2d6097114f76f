import { ok } from '../../../../shared/contract';
import type { AuthSession } from '../../../../shared/contract/sync/sync-types';
import type { CrmDatabase } from '../../db/open-crm-database';
import { defineHandlers } from '../../rpc/dispatcher';
import { createDuplicateSource } from './duplicate-source';
import { createDuplicatesService } from './duplicates-service';
import { startMergeFollower } from './merge-follower';

export type DuplicatesHandlerDeps = {
  readonly db: CrmDatabase;
  readonly now: () => number;
  readonly session: () => AuthSession;
  readonly log: (message: string, error: unknown) => void;
};

/**
 * Duplicate warnings, the queue, dismissals, merge and undo. The indexes are built on first use;
 * the follower that keeps children with merged records runs from the start. `close` ends both.
 */
export function createDuplicatesHandlers(deps: DuplicatesHandlerDeps) {
  const source = createDuplicateSource(deps.db);
  const service = createDuplicatesService({ db: deps.db, now: deps.now, session: deps.session, source });
  const stopFollower = startMergeFollower(deps.db, service, deps.log);
  return {
    service,
    source,
    close(): void {
      stopFollower();
      source.close();
    },
    handlers: defineHandlers({
      'duplicates.check': async ({ entity, record, excludeId, limit }) =>
        ok({ candidates: await service.check(entity, record, excludeId, limit) }),
      'duplicates.queue': async ({ entity, offset, limit }) => ok(await service.queue(entity, offset, limit)),
      'duplicates.dismiss': async ({ entity, aId, bId }) => {
        await service.dismiss(entity, aId, bId);
        return ok({ dismissed: true as const });
      },
      'duplicates.mergePreview': async ({ entity, survivorId, loserId }) => ok(await service.preview(entity, survivorId, loserId)),
      'duplicates.merge': async ({ entity, survivorId, loserId, take }) => ok(await service.merge(entity, survivorId, loserId, take)),
      'duplicates.undoMerge': async ({ entity, loserId }) => ok(await service.undo(entity, loserId)),
    }),
  };
}
