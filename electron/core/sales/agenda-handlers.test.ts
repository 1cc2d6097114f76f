import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDirectory, testStorage } from '../../../tests/support/test-storage';
import { openCrmDatabase, type CrmDatabase } from '../db/open-crm-database';
import { generateDataset } from '../seed/generate-dataset';
import { LOCAL_TEAM_ID, LOCAL_USER_ID } from '../seed/local-user';
import { writeDataset } from '../seed/write-dataset';
import { createAgendaHandlers } from './agenda-handlers';

const REF = Date.UTC(2025, 5, 18);
const DAY = 86_400_000;

describe('agenda.today on demo data', () => {
  const dir = tempDirectory('crm-agenda-');
  let db: CrmDatabase;
  beforeAll(async () => {
    db = await openCrmDatabase({ directory: dir.path, storage: testStorage(dir.path) });
    await writeDataset(db, generateDataset({ accounts: 60, seed: 7, referenceDate: REF }));
  });
  afterAll(async () => {
    await db.close();
    dir.cleanup();
  });

  it('lists the local user’s day with the name of each row’s account and deal', async () => {
    const handlers = createAgendaHandlers({ db, actor: { ownerId: LOCAL_USER_ID, teamId: LOCAL_TEAM_ID }, now: () => REF + 8 * 3_600_000 });
    const answer = await handlers['agenda.today']({ dayStart: REF, dayEnd: REF + DAY, soonMs: 15 * 60_000 });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value.today.length).toBeGreaterThanOrEqual(4);
    for (const item of [...answer.value.today, ...answer.value.overdue]) {
      expect(item.ownerId).toBe(LOCAL_USER_ID);
      const account = await db.accounts.findOne(item.accountId!).exec();
      expect(item.accountName).toBe(account?.name);
      if (item.opportunityId) expect(item.opportunityName).toBe((await db.opportunities.findOne(item.opportunityId).exec())?.name);
    }
    expect(answer.value.today.some((item) => item.opportunityName)).toBe(true);
  });
});
