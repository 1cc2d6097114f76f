import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { getRxStorageSqlite } from '../../electron/core/storage/sqlite';
import { createContactsInstance } from './test-schema';
import { TEST_DATABASE_KEY } from '../support/test-database-key';

const WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crash-writer.ts');
const CHAINS = 2;
const ROUNDS_PER_CHAIN = 25;

type Ack = { rev: string; deleted: boolean };
type RoundOutput = { acks: Map<string, Ack>; errors: string[]; seed: number };

function height(rev: string): number {
  return Number.parseInt(rev.split('-')[0] ?? '0', 10);
}

type Writer = { run(): Promise<RoundOutput> };

/**
 * Spawns a writer that loads its modules and waits. run() lets it write, SIGKILLs it at a random
 * moment after it is ready and returns the acknowledged writes it printed.
 */
/** Writers still running: killed when the suite ends, however it ends (a timeout included). */
const writers = new Set<ChildProcess>();

function spawnWriter(directory: string, roundId: string, seed: number): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, directory, roundId, String(seed)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  writers.add(child);
  child.on('exit', () => writers.delete(child));
  let stdout = '';
  let stderr = '';
  let timer: NodeJS.Timeout | undefined;
  const killDelay = 5 + (seed % 120);
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (!timer && stdout.includes('ready\n')) {
      timer = setTimeout(() => child.kill('SIGKILL'), killDelay);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<NodeJS.Signals | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve(signal));
  });
  return {
    async run() {
      child.stdin.write('go\n');
      const signal = await exited;
      clearTimeout(timer);
      if (signal !== 'SIGKILL') {
        throw new Error(`writer ${roundId} ended without being killed (seed ${seed}): ${stderr}${stdout.slice(-500)}`);
      }
      const acks = new Map<string, Ack>();
      const errors: string[] = [];
      // The last line may be cut by the kill; only whole lines count as acknowledged.
      for (const line of stdout.split('\n').slice(0, -1)) {
        const [kind, id, rev, deleted] = line.split(' ');
        if (kind === 'A' && id && rev) acks.set(id, { rev, deleted: deleted === '1' });
        if (kind === 'E') errors.push(line);
      }
      return { acks, errors, seed };
    },
  };
}

async function readBack(directory: string, ids: string[], checkIntegrity: boolean) {
  const storage = getRxStorageSqlite({ directory, databaseKey: TEST_DATABASE_KEY });
  const instance = await createContactsInstance(storage, 'crash', 'contacts', 'verify');
  // integrity_check reads the whole file (indexes against rows), so only every few rounds.
  const integrity = checkIntegrity ? storage.getConnection('crash')?.pragma('integrity_check', { simple: true }) : 'ok';
  const docs = await instance.findDocumentsById(ids, true);
  await instance.close();
  return { integrity, docs: new Map(docs.map((d) => [d.id, d])) };
}

async function runChain(directory: string, chain: number): Promise<number> {
  const acknowledged = new Map<string, Ack>();
  let kills = 0;
  const newSeed = () => (Math.random() * 0xffff_ffff) >>> 0 || 1;
  let next = spawnWriter(directory, `c${chain}r0`, newSeed());
  for (let round = 0; round < ROUNDS_PER_CHAIN; round++) {
    const current = next;
    if (round + 1 < ROUNDS_PER_CHAIN) {
      next = spawnWriter(directory, `c${chain}r${round + 1}`, newSeed());
    }
    const output = await current.run();
    const seed = output.seed;
    kills++;
    expect(output.errors, `writer reported conflicts (seed ${seed})`).toEqual([]);
    for (const [id, ack] of output.acks) acknowledged.set(id, ack);

    const { integrity, docs } = await readBack(directory, [...acknowledged.keys()], round % 5 === 4 || round === ROUNDS_PER_CHAIN - 1);
    expect(integrity).toBe('ok');
    for (const [id, ack] of acknowledged) {
      const stored = docs.get(id);
      expect(stored, `acknowledged ${id} lost after kill (chain ${chain} round ${round} seed ${seed})`).toBeDefined();
      // A write in flight at the kill may have committed without its ack: one newer revision is fine.
      const storedHeight = height(stored?._rev ?? '0-');
      expect(storedHeight, `${id} went back to an older revision`).toBeGreaterThanOrEqual(height(ack.rev));
      if (storedHeight === height(ack.rev)) {
        expect(stored?._rev).toBe(ack.rev);
        expect(stored?._deleted).toBe(ack.deleted);
      }
      if (stored && storedHeight > height(ack.rev)) {
        acknowledged.set(id, { rev: stored._rev, deleted: stored._deleted });
      }
    }
  }
  return kills;
}

describe('crash safety: SIGKILL never loses an acknowledged write', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'rxdb-sqlite-crash-'));
  afterAll(() => {
    for (const child of writers) child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  // 55-65 s alone on two cores, nearly all of it spawning writers (tsx); beside the other test
  // files in CI it once took over 150 s. Its bound is a hang detector, not a speed check.
  it(`survives ${CHAINS * ROUNDS_PER_CHAIN} kills at random moments`, async () => {
    // Independent files in parallel chains keep the wall time down on two cores.
    const kills = await Promise.all(Array.from({ length: CHAINS }, (_, chain) => runChain(path.join(root, `chain${chain}`), chain)));
    expect(kills.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(50);
  }, 360_000);
});
