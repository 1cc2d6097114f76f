import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { api, login, pushRows, seedOrg, startTestServer, testConfig, type Json, type Org } from '../../server/testing/harness';
import { startClient, type ClientProcess } from './client-process';
import { baseAccount, emailOf, serverDocs, signIn, waitConverged } from './sync-fixtures';

const DURATION_MS = Number(process.env.SYNC_STRESS_MS ?? 30_000);
const LIGHT_CLIENTS = 20;
const MIN_ACCEPTED = 6;

/**
 * A light client speaks the protocol directly: read-modify-push of a counter, and on a conflict it
 * takes the server's copy and tries again — what RxDB does, minus the database. Every push the
 * server accepted is one increment that must still be in the final sum.
 */
async function lightClient(server: RunningServer, email: string, docs: Json[], until: number, name: string): Promise<number> {
  const person = await login(api(server), email);
  const known = new Map(docs.map((d) => [String(d.id), d]));
  const ids = [...known.keys()];
  let accepted = 0;
  // At least MIN_ACCEPTED each, however slow the machine, so the race always has contention to show.
  while (Date.now() < until || accepted < MIN_ACCEPTED) {
    const id = ids[Math.floor(Math.random() * ids.length)] as string;
    const current = known.get(id) as Json;
    // The server treats a push equal to what it stores as an idempotent retry (no write, no
    // conflict); a unique stamp makes two clients' "+1 from the same base" different writes.
    const next = { ...current, employees: Number(current.employees ?? 0) + 1, notes: `${name}-${accepted}-${Math.random()}` };
    const r = await pushRows(api(server), person.token, [{ assumedMasterState: current, newDocumentState: next }]);
    if (r.status !== 200) throw new Error(`push failed: ${r.status} ${JSON.stringify(r.body)}`);
    const conflicts = r.body.conflicts as Json[];
    if ((r.body.errors as Json[]).length > 0) throw new Error(`rejected: ${JSON.stringify(r.body.errors)}`);
    if (conflicts[0]) {
      known.set(id, conflicts[0]);
      continue;
    }
    accepted++;
    known.set(id, { ...next, serverRevision: Number(current.serverRevision) + 1 });
  }
  return accepted;
}

describe('many clients pushing at once', () => {
  let server: RunningServer;
  let org: Org;
  let a: ClientProcess;
  let b: ClientProcess;

  beforeAll(async () => {
    server = await startTestServer(testConfig());
    org = await seedOrg(server);
    [a, b] = await Promise.all([startClient('stress-a'), startClient('stress-b')]);
    const email = await emailOf(server, org.repA);
    await Promise.all([signIn(a, server.url, email), signIn(b, server.url, email)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await server?.close();
  });

  it(
    `${LIGHT_CLIENTS} clients for ${DURATION_MS / 1000} s plus two real cores editing other fields: no update is lost, everyone converges`,
    async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.push((await a.must('accounts.create', { values: { ...baseAccount, name: `hot-${i}`, employees: 0 } })).id);
      const start = await waitConverged(server, org.repA, [a, b]);
      const until = Date.now() + DURATION_MS;
      const email = await emailOf(server, org.repA);

      // The real cores keep editing their own field of the same records while the counters race.
      const lastCity = new Map<string, string>();
      const lastPhone = new Map<string, string>();
      const coreEdits = async (client: ClientProcess, field: 'city' | 'phone', last: Map<string, string>): Promise<void> => {
        for (let n = 0; Date.now() < until; n++) {
          const id = ids[n % ids.length] as string;
          const value = `${field}-${n}`;
          await client.must('accounts.update', { id, patch: { [field]: value } });
          last.set(id, value);
          await new Promise((r) => setTimeout(r, 150));
        }
      };
      const [accepted] = await Promise.all([
        Promise.all(Array.from({ length: LIGHT_CLIENTS }, (_, i) => lightClient(server, email, start, until, `light-${i}`))).then((n) =>
          n.reduce((x, y) => x + y, 0),
        ),
        coreEdits(a, 'city', lastCity),
        coreEdits(b, 'phone', lastPhone),
      ]);

      const final = await waitConverged(server, org.repA, [a, b], 60_000);
      expect(accepted).toBeGreaterThan(100);
      expect(final.reduce((sum, d) => sum + Number(d.employees ?? 0), 0)).toBe(accepted);
      for (const doc of final) {
        expect(doc.city).toBe(lastCity.get(String(doc.id)));
        expect(doc.phone).toBe(lastPhone.get(String(doc.id)));
      }
      expect(await serverDocs(server, org.repA)).toEqual(final);
    },
    DURATION_MS + 120_000,
  );
});
