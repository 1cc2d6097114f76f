import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestName, Result, ResultOf } from '../../shared/contract';
import type { ParamsOf } from '../../shared/contract/requests';
import type { AuthSession, AuthUser } from '../../shared/contract/sync/sync-types';
import { createCore, LOCAL_ACTOR, type Core } from '../../electron/core/core';
import { TEST_DATABASE_KEY } from './test-database-key';
import { createDispatcher, type Dispatcher } from '../../electron/core/rpc/dispatcher';
import type { SessionContext } from '../../electron/core/rpc/handler-types';
import { createCatalogHandlers } from '../../electron/core/sales/catalog-handlers';
import { createQuotaHandlers } from '../../electron/core/sales/quota-handlers';

/**
 * A real core database with the catalogue and quota handlers dispatched under a sign-in session the
 * test chooses (who is signed in, with which role), since the role is what these handlers check.
 */
export type EditorHarness = {
  readonly core: Core;
  signInAs(user: AuthUser | null): void;
  call<K extends RequestName>(name: K, params: ParamsOf<K>): Promise<Result<ResultOf<K>>>;
  close(): Promise<void>;
};

const context: SessionContext = { sessionId: 'test', emit: () => undefined, onClose: () => undefined };

export async function createEditorHarness(now: () => number): Promise<EditorHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-editor-'));
  const core = await createCore({ dataDir, databaseKey: TEST_DATABASE_KEY, host: 'browser', appVersion: 'test', now });
  let session: AuthSession = { signedIn: false };
  const deps = {
    db: core.db,
    get actor() {
      return session.signedIn ? { ownerId: session.user.userId, teamId: session.user.teamId ?? session.user.userId } : LOCAL_ACTOR;
    },
    now,
    session: () => session,
  };
  const dispatcher: Dispatcher = createDispatcher([createCatalogHandlers(deps), createQuotaHandlers(deps)]);
  return {
    core,
    signInAs(user) {
      session = user ? { signedIn: true, serverUrl: 'https://crm.example.com', user } : { signedIn: false };
    },
    call: (name, params) => dispatcher.dispatch(name, params, context) as never,
    async close() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
