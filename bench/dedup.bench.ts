import { availableParallelism, loadavg } from 'node:os';
import { DuplicateIndex, type DedupEntity } from '../shared/dedup/duplicate-index';
import { generateDuplicates } from '../shared/dedup/generate-duplicates';
import { seededRandom } from '../shared/analytics/stats';
import { nowMs, percentile, progress, round } from './bench-stats';

/**
 * Duplicate matching at scale: index build, candidatesFor latency and pairs() over 100,000 generated
 * accounts and as many contacts (generate-duplicates.ts, with duplicates and look-alikes).
 * Prints one JSON line with wall and CPU time (CPU time stays meaningful on a busy machine); never
 * fails on time.
 */
/** Base records generated; with their duplicates and look-alikes they pass RECORDS, which are kept. */
const BASE_RECORDS = 72_000;
const RECORDS = 100_000;
const LOOKUPS = 2_000;

function measure(entity: DedupEntity): Record<string, number> {
  const generated = generateDuplicates({ entity, records: BASE_RECORDS, seed: 42 });
  const records = generated.records.slice(0, RECORDS);
  const kept = new Set(records.map((record) => record.id));
  const truePairs = generated.truePairs.filter(([a, b]) => kept.has(a) && kept.has(b));
  progress(`${entity}: ${records.length} records generated`);
  const cpu0 = process.cpuUsage();
  const t0 = nowMs();
  const index = new DuplicateIndex(entity);
  for (const record of records) index.upsert(record);
  const buildMs = nowMs() - t0;
  const buildCpu = process.cpuUsage(cpu0);
  const rand = seededRandom(7);
  const lookups: number[] = [];
  let found = 0;
  for (let i = 0; i < LOOKUPS; i++) {
    const record = records[Math.floor(rand() * records.length)];
    if (record === undefined) continue;
    const start = nowMs();
    found += index.candidatesFor(record).length;
    lookups.push(nowMs() - start);
  }
  const cpu1 = process.cpuUsage();
  const t1 = nowMs();
  const pairs = index.pairs();
  const pairsMs = nowMs() - t1;
  const pairsCpu = process.cpuUsage(cpu1);
  const truth = new Set(truePairs.map(([a, b]) => `${a}|${b}`));
  const correct = pairs.filter((pair) => truth.has(`${pair.aId}|${pair.bId}`)).length;
  progress(`${entity}: build ${round(buildMs, 0)} ms, pairs ${round(pairsMs, 0)} ms`);
  return {
    records: records.length,
    buildMs: round(buildMs, 0),
    buildCpuMs: round((buildCpu.user + buildCpu.system) / 1000, 0),
    candidatesP50Ms: round(percentile(lookups, 50), 3),
    candidatesP95Ms: round(percentile(lookups, 95), 3),
    candidatesP99Ms: round(percentile(lookups, 99), 3),
    candidatesPerLookup: round(found / LOOKUPS, 2),
    pairsMs: round(pairsMs, 0),
    pairsCpuMs: round((pairsCpu.user + pairsCpu.system) / 1000, 0),
    pairs: pairs.length,
    truePairs: truePairs.length,
    precision: round(pairs.length === 0 ? 1 : correct / pairs.length, 4),
    recall: round(truePairs.length === 0 ? 1 : correct / truePairs.length, 4),
  };
}

console.log(
  JSON.stringify({
    account: measure('account'),
    contact: measure('contact'),
    cpus: availableParallelism(),
    load1: round(loadavg()[0] ?? 0, 1),
  }),
);
