import { DuplicateIndex, type DedupEntity, type DuplicatePair } from './duplicate-index';
import { generateDuplicates } from './generate-duplicates';

/**
 * Precision and recall of DuplicateIndex.pairs() at the default threshold on generated records whose
 * duplicates are known (generate-duplicates.ts), for accounts and contacts together.
 */

export type DuplicateDetectionEntityResult = {
  readonly records: number;
  readonly pairs: number;
  readonly truePairs: number;
  readonly correctPairs: number;
  readonly precision: number;
  readonly recall: number;
  /** Pairs found that are not duplicates, and true pairs missed, for reading what went wrong. */
  readonly falsePairs: readonly DuplicatePair[];
  readonly missedPairs: readonly (readonly [string, string])[];
};

export type DuplicateDetectionResult = {
  readonly precision: number;
  readonly recall: number;
  /** Pairs reported, over both entities. */
  readonly pairs: number;
  /** Pairs that are true duplicates, over both entities. */
  readonly truePairs: number;
  /** Time to build both indexes and list their pairs. */
  readonly ms: number;
  readonly byEntity: Readonly<Record<DedupEntity, DuplicateDetectionEntityResult>>;
};

function evaluateEntity(entity: DedupEntity, records: number, seed: number): DuplicateDetectionEntityResult & { ms: number } {
  const generated = generateDuplicates({ entity, records, seed });
  const started = performance.now();
  const index = new DuplicateIndex(entity);
  for (const record of generated.records) index.upsert(record);
  const pairs = index.pairs();
  const ms = performance.now() - started;
  const truth = new Set(generated.truePairs.map(([a, b]) => `${a}|${b}`));
  const found = new Set<string>();
  const falsePairs: DuplicatePair[] = [];
  for (const pair of pairs) {
    const key = `${pair.aId}|${pair.bId}`;
    found.add(key);
    if (!truth.has(key)) falsePairs.push(pair);
  }
  const missedPairs = generated.truePairs.filter(([a, b]) => !found.has(`${a}|${b}`));
  const correctPairs = pairs.length - falsePairs.length;
  return {
    records: generated.records.length,
    pairs: pairs.length,
    truePairs: generated.truePairs.length,
    correctPairs,
    precision: pairs.length === 0 ? 1 : correctPairs / pairs.length,
    recall: generated.truePairs.length === 0 ? 1 : correctPairs / generated.truePairs.length,
    falsePairs,
    missedPairs,
    ms,
  };
}

/** `records` base records per entity (accounts, then contacts), both generated from `seed`. */
export function evaluateDuplicateDetection(options: { readonly records: number; readonly seed: number }): DuplicateDetectionResult {
  const { records, seed } = options;
  if (!Number.isInteger(records) || records < 1) throw new Error(`records must be a whole number ≥ 1, got ${records}`);
  const { ms: accountMs, ...account } = evaluateEntity('account', records, seed);
  const { ms: contactMs, ...contact } = evaluateEntity('contact', records, seed + 1);
  const pairs = account.pairs + contact.pairs;
  const truePairs = account.truePairs + contact.truePairs;
  const correct = account.correctPairs + contact.correctPairs;
  return {
    precision: pairs === 0 ? 1 : correct / pairs,
    recall: truePairs === 0 ? 1 : correct / truePairs,
    pairs,
    truePairs,
    ms: accountMs + contactMs,
    byEntity: { account, contact },
  };
}
