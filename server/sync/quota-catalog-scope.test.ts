import { describe, expect, it } from 'vitest';
import { pullAll, pushRows, type Json, type Person } from '../testing/harness';
import { useSeededServer } from '../testing/seeded-server';
import { backends } from '../testing/test-db';

/** A quota as the app writes it: owned by its rep and filed in the rep's team. */
const quota = (rep: Person, extra: Json = {}): Json => ({
  id: `quota-${rep.id}-${Math.random().toString(36).slice(2, 8)}`,
  ownerId: rep.id,
  teamId: rep.teamId,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  kind: 'quota',
  userId: rep.id,
  period: 'quarter',
  periodStart: '2027-01-01',
  currency: 'USD',
  amount: 15_000_000,
  ...extra,
});

describe.each(backends())('quota and catalogue writes on %s', (backend) => {
  const seeded = useSeededServer(backend);

  const storedQuota = async (id: unknown): Promise<Json | undefined> =>
    (await pullAll(seeded.client, seeded.org.admin.token, 'org/0')).docs.find((d) => d.id === id);

  it("accepts a manager's quota for a rep of their team, and the change of it; the rep pulls it", async () => {
    const doc = quota(seeded.org.repA);
    const created = await pushRows(seeded.client, seeded.org.managerA.token, [{ newDocumentState: doc }], 'org/0');
    expect(created.body).toMatchObject({ conflicts: [], errors: [] });
    const changed = await pushRows(
      seeded.client,
      seeded.org.managerA.token,
      [{ assumedMasterState: { ...doc, serverRevision: 1 }, newDocumentState: { ...doc, amount: 20_000_000 } }],
      'org/0',
    );
    expect(changed.body).toMatchObject({ conflicts: [], errors: [] });
    const pulled = (await pullAll(seeded.client, seeded.org.repA.token, 'org/0')).docs.find((d) => d.id === doc.id);
    expect(pulled).toMatchObject({ amount: 20_000_000, ownerId: seeded.org.repA.id, teamId: seeded.org.teamA });
  });

  it("refuses a rep's quota write (their own included) and a manager's quota for another team's rep; nothing is stored", async () => {
    const own = quota(seeded.org.repA);
    const byRep = await pushRows(seeded.client, seeded.org.repA.token, [{ newDocumentState: own }], 'org/0');
    expect(byRep.body.errors).toEqual([expect.objectContaining({ id: own.id, code: 'forbidden' })]);

    const otherTeam = quota(seeded.org.repB);
    const byManager = await pushRows(seeded.client, seeded.org.managerA.token, [{ newDocumentState: otherTeam }], 'org/0');
    expect(byManager.body.errors).toEqual([expect.objectContaining({ id: otherTeam.id, code: 'forbidden' })]);

    // Filed in the manager's team but owned by another team's rep: the owner must belong to the team.
    const smuggled = quota(seeded.org.repB, { teamId: seeded.org.teamA });
    const filed = await pushRows(seeded.client, seeded.org.managerA.token, [{ newDocumentState: smuggled }], 'org/0');
    expect(filed.body.errors).toEqual([expect.objectContaining({ id: smuggled.id, code: 'forbidden' })]);

    expect(await storedQuota(own.id)).toBeUndefined();
    expect(await storedQuota(otherTeam.id)).toBeUndefined();
    expect(await storedQuota(smuggled.id)).toBeUndefined();
  });

  it("refuses a rep's change to a quota the manager set", async () => {
    const doc = quota(seeded.org.repA2);
    expect((await pushRows(seeded.client, seeded.org.managerA.token, [{ newDocumentState: doc }], 'org/0')).body).toMatchObject({
      conflicts: [],
      errors: [],
    });
    const raise = await pushRows(
      seeded.client,
      seeded.org.repA2.token,
      [{ assumedMasterState: { ...doc, serverRevision: 1 }, newDocumentState: { ...doc, amount: 1 } }],
      'org/0',
    );
    expect(raise.body.errors).toEqual([expect.objectContaining({ id: doc.id, code: 'forbidden' })]);
    expect(await storedQuota(doc.id)).toMatchObject({ amount: 15_000_000 });
  });

  it("accepts a manager's product and price edits on the admin's catalogue; refuses a rep's", async () => {
    const stamp = { ownerId: seeded.org.admin.id, teamId: seeded.org.admin.id, createdAt: 1, updatedAt: 1 };
    const product = { ...stamp, id: 'cat-p1', kind: 'product', name: 'Sensor', sku: 'S-1', isActive: true };
    const price = {
      ...stamp,
      id: 'cat-e1',
      kind: 'price_book_entry',
      productId: 'cat-p1',
      priceBook: 'standard',
      currency: 'EUR',
      unitPrice: 9_900,
      isActive: true,
    };
    const stored = await pushRows(
      seeded.client,
      seeded.org.admin.token,
      [{ newDocumentState: product }, { newDocumentState: price }],
      'catalog/0',
    );
    expect(stored.body).toMatchObject({ conflicts: [], errors: [] });

    const edit = await pushRows(
      seeded.client,
      seeded.org.managerA.token,
      [{ assumedMasterState: { ...price, serverRevision: 1 }, newDocumentState: { ...price, unitPrice: 10_900 } }],
      'catalog/0',
    );
    expect(edit.body).toMatchObject({ conflicts: [], errors: [] });

    const byRep = await pushRows(
      seeded.client,
      seeded.org.repA.token,
      [{ assumedMasterState: { ...product, serverRevision: 1 }, newDocumentState: { ...product, name: 'Mine' } }],
      'catalog/0',
    );
    expect(byRep.body.errors).toEqual([expect.objectContaining({ id: 'cat-p1', code: 'forbidden' })]);
    const docs = (await pullAll(seeded.client, seeded.org.repA.token, 'catalog/0')).docs;
    expect(docs.find((d) => d.id === 'cat-p1')).toMatchObject({ name: 'Sensor' });
    expect(docs.find((d) => d.id === 'cat-e1')).toMatchObject({ unitPrice: 10_900 });
  });
});
