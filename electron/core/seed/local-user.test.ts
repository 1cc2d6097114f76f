import { describe, expect, it } from 'vitest';
import type { OrgDoc } from '../../../shared/schemas';
import { LOCAL_ACTOR } from '../core';
import { generateDataset, type DatasetBatch } from './generate-dataset';
import { LOCAL_TEAM_ID, LOCAL_USER_ID } from './local-user';

const REF = Date.UTC(2025, 5, 18);
const DAY = 86_400_000;

function collect(batches: Iterable<DatasetBatch>) {
  const by = new Map<string, Array<Record<string, unknown>>>();
  for (const batch of batches) {
    const list = by.get(batch.collection) ?? [];
    list.push(...(batch.docs as unknown as Array<Record<string, unknown>>));
    by.set(batch.collection, list);
  }
  return (name: string) => by.get(name) ?? [];
}

describe('demo data for the local user', () => {
  const docs = collect(generateDataset({ accounts: 60, seed: 7, referenceDate: REF }));
  const mine = (name: string) => docs(name).filter((doc) => doc['ownerId'] === LOCAL_USER_ID);

  it('gives the core’s local actor a user record with a name and a team', () => {
    expect({ ownerId: LOCAL_USER_ID, teamId: LOCAL_TEAM_ID }).toEqual(LOCAL_ACTOR);
    const org = docs('org') as unknown as OrgDoc[];
    const user = org.find((doc) => doc.id === LOCAL_USER_ID);
    expect(user).toMatchObject({ kind: 'user', teamId: LOCAL_TEAM_ID, role: 'rep' });
    expect(user && user.kind === 'user' ? user.name : '').toMatch(/^\p{L}+ \p{L}+$/u);
    expect(org.some((doc) => doc.id === LOCAL_TEAM_ID && doc.kind === 'team')).toBe(true);
    expect(org.some((doc) => doc.kind === 'quota' && doc.userId === LOCAL_USER_ID)).toBe(true);
  });

  it('owns accounts, deals, quotes and an agenda for the reference day and the week after', () => {
    expect(mine('accounts').length).toBeGreaterThanOrEqual(2);
    expect(mine('opportunities').length).toBeGreaterThan(0);
    expect(mine('sales_docs').some((doc) => doc['kind'] === 'quote')).toBe(true);
    const open = mine('activities').filter((doc) => doc['done'] === false && typeof doc['dueAt'] === 'number');
    const dueOn = (day: number) =>
      open.filter((doc) => (doc['dueAt'] as number) >= REF + day * DAY && (doc['dueAt'] as number) < REF + (day + 1) * DAY);
    expect(dueOn(0).length).toBeGreaterThanOrEqual(4);
    for (let day = 1; day < 7; day++) expect(dueOn(day).length).toBeGreaterThan(0);
    expect(open.every((doc) => typeof doc['accountId'] === 'string')).toBe(true);
  });

  it('is the same for the same seed', () => {
    const again = collect(generateDataset({ accounts: 60, seed: 7, referenceDate: REF, batchSize: 7 }));
    expect(again('activities').filter((doc) => doc['ownerId'] === LOCAL_USER_ID)).toEqual(mine('activities'));
  });
});
