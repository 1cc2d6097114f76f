import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core';
import type { Session } from '../rpc/session';
import { TEST_DATABASE_KEY } from '../../../tests/support/test-database-key';

const dataDir = mkdtempSync(join(tmpdir(), 'crm-facets-'));
let core: Core;
let session: Session;
const account = (name: string, industry?: string) =>
  ({ values: { name, status: 'active', tier: 'key', region: 'emea', currency: 'EUR', ...(industry ? { industry } : {}) } }) as const;

beforeAll(async () => {
  core = await createCore({ dataDir, databaseKey: TEST_DATABASE_KEY, host: 'browser', appVersion: 'test' });
  session = core.openSession(() => undefined);
});

afterAll(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('accounts.filterOptions', () => {
  it('offers distinct industries and owners, and picks up accounts written later', async () => {
    await session.call('accounts.create', account('A', 'Retail'));
    await session.call('accounts.create', account('B', 'Energy'));
    await session.call('accounts.create', account('C', 'Retail'));
    await session.call('accounts.create', account('D'));
    const first = await session.call('accounts.filterOptions', {});
    expect(first.ok && first.value).toEqual({ industries: ['Energy', 'Retail'], owners: [{ id: 'local-user', name: 'local-user' }] });

    await session.call('accounts.create', account('E', 'Agriculture'));
    const second = await session.call('accounts.filterOptions', {});
    expect(second.ok && second.value.industries).toEqual(['Agriculture', 'Energy', 'Retail']);
  });
});
