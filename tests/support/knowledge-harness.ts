import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestName, Result, ResultOf } from '../../shared/contract';
import type { ParamsOf } from '../../shared/contract/requests';
import type { AuthSession, AuthUser } from '../../shared/contract/sync/sync-types';
import { TEST_DATABASE_KEY } from './test-database-key';
import { CRM_DATABASE_NAME, openCrmDatabase, type CrmDatabase } from '../../electron/core/db/open-crm-database';
import { createDispatcher } from '../../electron/core/rpc/dispatcher';
import type { SessionContext } from '../../electron/core/rpc/handler-types';
import { createSearchHook, SearchIndex } from '../../electron/core/search';
import { getRxStorageSqlite } from '../../electron/core/storage/sqlite';
import { createKnowledgeHandlers } from '../../electron/core/service/knowledge-handlers';
import type { ServiceDeps } from '../../electron/core/service/service-deps';

/**
 * A real encrypted database with the search hook, and the knowledge handlers dispatched under a
 * sign-in session the test chooses (reps and managers see different articles). For tests and
 * measurements only.
 */
export type KnowledgeHarness = {
  readonly db: CrmDatabase;
  readonly index: SearchIndex;
  signInAs(user: AuthUser | null): void;
  call<K extends RequestName>(name: K, params: ParamsOf<K>): Promise<Result<ResultOf<K>>>;
  close(): Promise<void>;
};

const context: SessionContext = { sessionId: 'test', emit: () => undefined, onClose: () => undefined };

export async function createKnowledgeHarness(now: () => number = Date.now): Promise<KnowledgeHarness> {
  const directory = mkdtempSync(join(tmpdir(), 'crm-knowledge-'));
  const storage = getRxStorageSqlite({ directory, hooks: [createSearchHook()], databaseKey: TEST_DATABASE_KEY });
  const db = await openCrmDatabase({ directory, storage });
  const connection = storage.getConnection(CRM_DATABASE_NAME);
  if (!connection) throw new Error('no connection');
  const index = new SearchIndex(connection);
  let session: AuthSession = { signedIn: false };
  const disposers: Array<() => void> = [];
  const deps = {
    db,
    get actor() {
      return session.signedIn
        ? { ownerId: session.user.userId, teamId: session.user.teamId ?? session.user.userId }
        : { ownerId: 'local-user', teamId: 'local-team' };
    },
    now,
    session: () => session,
    search: () => index,
    log: () => undefined,
    onClose: (dispose: () => void) => disposers.push(dispose),
  } as unknown as ServiceDeps;
  const dispatcher = createDispatcher([createKnowledgeHandlers(deps)]);
  return {
    db,
    index,
    signInAs(user) {
      session = user ? { signedIn: true, serverUrl: 'https://crm.example.com', user } : { signedIn: false };
    },
    call: (name, params) => dispatcher.dispatch(name, params, context) as never,
    async close() {
      for (const dispose of disposers) dispose();
      await db.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
