import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WinModelSummary } from '../../../shared/contract/analytics/analytics-requests';
import { createCore, type Core } from '../core';
import { tempDirectory } from '../../../tests/support/test-storage';
import { TEST_DATABASE_KEY } from '../../../tests/support/test-database-key';
import type { Session } from '../rpc/session';
import { generateDataset } from '../seed/generate-dataset';
import { writeDataset } from '../seed/write-dataset';

const NOW = Date.UTC(2025, 5, 30);

/** The core as the app runs it: win model trained in workers after writes, served through the contract. */
describe('analytics through the core', () => {
  const dir = tempDirectory('crm-core-analytics-');
  const changes: WinModelSummary[] = [];
  let core: Core;
  let session: Session;

  const nextChange = (accept: (summary: WinModelSummary) => boolean, timeoutMs = 20_000): Promise<WinModelSummary> =>
    new Promise((resolve, reject) => {
      const started = changes.length;
      const timer = setTimeout(() => reject(new Error('no analytics.winModelChanged in time')), timeoutMs);
      const poll = setInterval(() => {
        const hit = changes.slice(started).find(accept);
        if (!hit) return;
        clearTimeout(timer);
        clearInterval(poll);
        resolve(hit);
      }, 10);
    });

  beforeAll(async () => {
    core = await createCore({
      dataDir: dir.path,
      databaseKey: TEST_DATABASE_KEY,
      host: 'browser',
      appVersion: 'test',
      analyticsDebounceMs: 20,
      now: () => NOW,
    });
    session = core.openSession((event, payload) => {
      if (event === 'analytics.winModelChanged') changes.push(payload as WinModelSummary);
    });
  });
  afterAll(async () => {
    await core.close();
    dir.cleanup();
  });

  it('answers at once while no model is ready, then scores open deals with stage rates on a short history', async () => {
    const early = await session.call('analytics.winProbabilities', {});
    expect(early.ok).toBe(true);
    const trained = nextChange((summary) => summary.status === 'ready' && summary.closedDeals > 0);
    await writeDataset(core.db, generateDataset({ accounts: 6, seed: 4, referenceDate: NOW }));
    const summary = await trained;
    expect(summary.kind).toBe('stage');
    expect(summary.fallback).toBe('not_enough_deals');
    expect(summary.closedDeals).toBeLessThan(40);

    const open = (await core.db.opportunities.find().exec()).filter((o) => o.stage !== 'closed_won' && o.stage !== 'closed_lost');
    expect(open.length).toBeGreaterThan(0);
    const answer = await session.call('analytics.winProbabilities', { ids: open.map((o) => o.id) });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value.model.status).toBe('ready');
    expect(answer.value.scores.map((s) => s.opportunityId).sort()).toEqual(open.map((o) => o.id).sort());
    for (const score of answer.value.scores) {
      expect(score.source).toBe('stage');
      expect(score.probability).toBeGreaterThanOrEqual(0);
      expect(score.probability).toBeLessThanOrEqual(1);
    }
  });

  it('retrains after a deal closes and tells every session', async () => {
    const before = await session.call('analytics.winProbabilities', {});
    if (!before.ok) throw new Error(before.error.message);
    const deal = (await core.db.opportunities.find({ selector: { stage: { $nin: ['closed_won', 'closed_lost'] } }, limit: 1 }).exec())[0];
    expect(deal).toBeDefined();
    const retrained = nextChange((summary) => summary.status === 'ready' && summary.closedDeals === before.value.model.closedDeals + 1);
    const moved = await session.call('opportunities.moveStage', { id: deal?.id ?? '', stage: 'closed_won' });
    expect(moved.ok).toBe(true);
    await retrained;
    const after = await session.call('analytics.winProbabilities', { ids: [deal?.id ?? ''] });
    // A closed deal is no longer scored.
    expect(after.ok && after.value.scores).toEqual([]);
  });

  it('rejects malformed params as a value', async () => {
    const answer = await session.request('analytics.winProbabilities', { ids: 'all' });
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe('invalid_request');
  });
});
