import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCrmDatabase } from './open-crm-database';
import { tempDirectory } from '../../../tests/support/test-storage';
import { TEST_DATABASE_KEY } from '../../../tests/support/test-database-key';

// Its own file on purpose: RxDB's dev-mode plugin is process-wide and refuses a storage without a
// validator, and this test must exercise exactly what the app runs (plain SQLite, no dev-mode).
describe('openCrmDatabase with the default storage', () => {
  const dir = tempDirectory();
  afterAll(() => dir.cleanup());

  it('persists to crm.sqlite in the directory and reads it back after reopening', async () => {
    const now = Date.UTC(2025, 0, 1);
    const first = await openCrmDatabase({ directory: dir.path, databaseKey: TEST_DATABASE_KEY });
    await first.org.insert({ id: 't1', ownerId: 'u1', teamId: 't1', createdAt: now, updatedAt: now, kind: 'team', name: 'West' });
    await first.close();
    expect(existsSync(join(dir.path, 'crm.sqlite'))).toBe(true);

    const db = await openCrmDatabase({ directory: dir.path, databaseKey: TEST_DATABASE_KEY });
    try {
      expect((await db.org.findOne('t1').exec())?.toJSON()).toMatchObject({ kind: 'team', name: 'West' });
    } finally {
      await db.close();
    }
  });
});
