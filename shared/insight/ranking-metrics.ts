/** Top-k ranking metrics with binary relevance, for judging recommendations against what was bought next. */

/** 1 when at least one of the first k recommended items is relevant, else 0. */
export function hitAtK(recommended: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  checkK(k);
  const n = Math.min(k, recommended.length);
  for (let i = 0; i < n; i++) if (relevant.has(recommended[i] ?? '')) return 1;
  return 0;
}

/**
 * Normalised discounted cumulative gain at k: DCG = sum of 1 / log2(rank + 1) over the relevant
 * items among the first k (rank from 1), divided by the DCG of an ideal list that puts
 * min(k, |relevant|) relevant items first. 0 when nothing is relevant.
 */
export function ndcgAtK(recommended: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  checkK(k);
  if (relevant.size === 0) return 0;
  const n = Math.min(k, recommended.length);
  let dcg = 0;
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const item = recommended[i] ?? '';
    // A repeated item is credited once, so a list cannot score by naming the same product twice.
    if (relevant.has(item) && !seen.has(item)) dcg += 1 / Math.log2(i + 2);
    seen.add(item);
  }
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return dcg / ideal;
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a whole number >= 1, got ${k}`);
}
