import { CLV } from './fixed-codes';
import type { RecordTable } from './record-table';

const CLV_NONE = CLV.get('none')!;

/**
 * The CLV band code of every account by the rules on CLV_BANDS: each live account with a CLV ranked
 * among the live accounts of its currency; the rest have the band "none".
 */
export function clvBandsOf(accounts: RecordTable, clvs: ReadonlyArray<number>, currencies: ReadonlyArray<number>): number[] {
  const n = accounts.size;
  const byCurrency = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (accounts.alive[i] !== 1 || Number.isNaN(clvs[i]!)) continue;
    let list = byCurrency.get(currencies[i]!);
    if (!list) byCurrency.set(currencies[i]!, (list = []));
    list.push(clvs[i]!);
  }
  for (const list of byCurrency.values()) list.sort((a, b) => a - b);
  const bands = new Array<number>(n).fill(CLV_NONE);
  for (let i = 0; i < n; i++) {
    const clv = clvs[i]!;
    if (accounts.alive[i] !== 1 || Number.isNaN(clv)) continue;
    const peers = byCurrency.get(currencies[i]!)!;
    const size = peers.length;
    const below = countBelow(peers, clv, false);
    const above = size - countBelow(peers, clv, true);
    bands[i] =
      above < 0.1 * size
        ? CLV.get('top_10')!
        : above < 0.25 * size
          ? CLV.get('top_25')!
          : below < 0.25 * size
            ? CLV.get('bottom_25')!
            : CLV.get('middle')!;
  }
  return bands;
}

/** How many of `sorted` are below `value`, or at most `value` when `inclusive`. */
function countBelow(sorted: ReadonlyArray<number>, value: number, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (inclusive ? sorted[mid]! <= value : sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
