import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestName, Result, ResultOf } from '../../shared/contract';
import type { ParamsOf } from '../../shared/contract/requests';
import type { AuthSession, AuthUser } from '../../shared/contract/sync/sync-types';
import type { Account, BusinessCalendar, Contact, OrgDoc, SlaPolicy } from '../../shared/schemas';
import { TEST_DATABASE_KEY } from './test-database-key';
import { createCore, LOCAL_ACTOR, type Core } from '../../electron/core/core';
import { createDispatcher } from '../../electron/core/rpc/dispatcher';
import type { SessionContext } from '../../electron/core/rpc/handler-types';
import { createCaseProjection, type CaseProjection } from '../../electron/core/service/case-projection';
import { createCasesHandlers } from '../../electron/core/service/cases-handlers';
import type { ServiceDeps } from '../../electron/core/service/service-deps';
import { createServiceSettingsHandlers } from '../../electron/core/service/service-settings-handlers';
import { createSlaReferenceSource } from '../../electron/core/service/sla-reference';
import { createSurveysHandlers } from '../../electron/core/service/surveys-handlers';

/**
 * A real core database with the service handlers dispatched under a sign-in session and a clock
 * the test sets (cases are assigned to, and policies edited by, whoever is signed in).
 */
export type ServiceHarness = {
  readonly core: Core;
  readonly projection: CaseProjection;
  signInAs(user: AuthUser | null): void;
  setNow(at: number): void;
  call<K extends RequestName>(name: K, params: ParamsOf<K>): Promise<Result<ResultOf<K>>>;
  /** Like `call`, failing the test on an error answer. */
  must<K extends RequestName>(name: K, params: ParamsOf<K>): Promise<ResultOf<K>>;
  close(): Promise<void>;
};

const context: SessionContext = { sessionId: 'test', emit: () => undefined, onClose: () => undefined };

export async function createServiceHarness(start: number): Promise<ServiceHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-service-'));
  let now = start;
  const core = await createCore({ dataDir, databaseKey: TEST_DATABASE_KEY, host: 'browser', appVersion: 'test', now: () => now });
  let session: AuthSession = { signedIn: false };
  const sla = createSlaReferenceSource(core.db);
  const projection = createCaseProjection(core.db);
  const deps: ServiceDeps = {
    db: core.db,
    get actor() {
      return session.signedIn ? { ownerId: session.user.userId, teamId: session.user.teamId ?? session.user.userId } : LOCAL_ACTOR;
    },
    now: () => now,
    session: () => session,
    sla,
    cases: projection,
    search: () => {
      throw new Error('the service handlers under test do not search');
    },
    log: () => undefined,
    onClose: () => undefined,
  };
  const dispatcher = createDispatcher([createCasesHandlers(deps), createSurveysHandlers(deps), createServiceSettingsHandlers(deps)]);
  const call = <K extends RequestName>(name: K, params: ParamsOf<K>) =>
    dispatcher.dispatch(name, params, context) as Promise<Result<ResultOf<K>>>;
  return {
    core,
    projection,
    signInAs(user) {
      session = user ? { signedIn: true, serverUrl: 'https://crm.example.com', user } : { signedIn: false };
    },
    setNow(at) {
      now = at;
    },
    call,
    async must(name, params) {
      const result = await call(name, params);
      if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
      return result.value;
    },
    async close() {
      projection.close();
      sla.close();
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const stamp = (at: number, ownerId = 'x', teamId = 'A') => ({ ownerId, teamId, createdAt: at, updatedAt: at });

export function testAccount(id: string, at: number, fields: Partial<Account> = {}): Account {
  return { ...stamp(at), id, name: `Account ${id}`, status: 'active', tier: 'standard', region: 'emea', currency: 'EUR', ...fields };
}

export function testContact(id: string, accountId: string, at: number): Contact {
  return { ...stamp(at), id, accountId, lastName: `Person ${id}`, isPrimary: false, doNotContact: false };
}

export function testUser(id: string, name: string, teamId: string, at: number, active = true): OrgDoc {
  return { ...stamp(at, 'x', teamId), id, kind: 'user', name, email: `${id}@example.com`, role: 'rep', active };
}

/** Monday to Friday 09:00–17:00 in `timeZone`. */
export function testCalendar(id: string, at: number, timeZone = 'Europe/Berlin', holidays: string[] = []): BusinessCalendar {
  const day = [{ start: '09:00', end: '17:00' }];
  return {
    ...stamp(at),
    id,
    kind: 'business_calendar',
    name: `Calendar ${id}`,
    timeZone,
    week: [day, day, day, day, day, [], []],
    holidays: holidays.map((date) => ({ date })),
  };
}

export function testPolicy(id: string, calendarId: string, at: number, fields: Partial<SlaPolicy> = {}): SlaPolicy {
  return {
    ...stamp(at),
    id,
    kind: 'sla_policy',
    name: `Policy ${id}`,
    priority: 'high',
    calendarId,
    firstResponseMinutes: 60,
    resolutionMinutes: 480,
    atRiskPercent: 75,
    reopenWindowDays: 7,
    active: true,
    ...fields,
  };
}
