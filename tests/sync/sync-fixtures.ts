import { isDeepStrictEqual } from 'node:util';
import type { RunningServer } from '../../server/server';
import { account, api, pullAll, pushRows, PASSWORD, type Person } from '../../server/testing/harness';
import type { ClientProcess } from './client-process';
import { waitFor } from './wait-for';

export type Doc = Record<string, unknown>;

/** Domain fields plus the server's revision: what two replicas must agree on. */
export function comparable(docs: ReadonlyArray<Doc>): Doc[] {
  return docs
    .filter((d) => d._deleted !== true)
    .map((d) => Object.fromEntries(Object.entries(d).filter(([k]) => !k.startsWith('_'))))
    .sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
}

export async function serverDocs(server: { url: string }, person: Person, collection = 'accounts/3'): Promise<Doc[]> {
  return comparable((await pullAll(api(server), person.token, collection, null, 1000)).docs);
}

/** Puts `count` accounts of `owner` on the server through the push API, four batches of 500 at a time. */
export async function seedServerAccounts(server: { url: string }, owner: Person, count: number): Promise<void> {
  const http = api(server);
  const rows = Array.from({ length: count }, (_, i) => ({ newDocumentState: account(owner, { name: `Account ${i}` }) }));
  for (let at = 0; at < rows.length; at += 2000) {
    await Promise.all(
      [0, 500, 1000, 1500].map(async (offset) => {
        const r = await pushRows(http, owner.token, rows.slice(at + offset, at + offset + 500));
        if (r.status !== 200) throw new Error(`seeding failed: ${JSON.stringify(r.body)}`);
      }),
    );
  }
}

export async function signIn(client: ClientProcess, serverUrl: string, email: string): Promise<void> {
  const r = await client.must('auth.signIn', { serverUrl, email, password: PASSWORD });
  if (!r.signedIn) throw new Error(`${client.name} sign-in failed: ${r.error.code} ${r.error.message}`);
}

export function emailOf(server: RunningServer, person: Person): Promise<string> {
  return api(server)
    .get('/auth/me', person.token)
    .then((r) => String(r.body.email));
}

/** Every client shows exactly the server's accounts, and has nothing left to push. */
export async function waitConverged(
  server: { url: string },
  viewer: Person,
  clients: ReadonlyArray<ClientProcess>,
  timeoutMs = 30_000,
): Promise<Doc[]> {
  return waitFor(
    'clients to converge with the server',
    async () => {
      const expected = await serverDocs(server, viewer);
      for (const client of clients) {
        const status = await client.must('sync.status', {});
        if (status.pendingChanges > 0) return undefined;
        if (!isDeepStrictEqual(comparable(await client.docs('accounts')), expected)) return undefined;
      }
      return expected;
    },
    timeoutMs,
    200,
  );
}

export const baseAccount = { status: 'active', tier: 'key', region: 'emea', currency: 'EUR' } as const;
