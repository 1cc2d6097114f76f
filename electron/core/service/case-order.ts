/**
 * An array kept sorted by a comparator, patched one element at a time: a changed case moves with
 * two binary searches and one splice instead of a re-sort of every case.
 */
export type SortedList<T> = {
  readonly items: ReadonlyArray<T>;
  insert(item: T): void;
  /** Removes `item` (found by identity among the elements comparing equal to it). */
  remove(item: T): void;
};

/** `sorted`: `initial` is in order already (read from another sorted list). */
export function createSortedList<T>(compare: (a: T, b: T) => number, initial: Iterable<T> = [], sorted = false): SortedList<T> {
  const items = sorted ? [...initial] : [...initial].sort(compare);

  /** The first index whose element is not before `item`. */
  const lowerBound = (item: T): number => {
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(items[mid] as T, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  return {
    items,
    insert(item) {
      items.splice(lowerBound(item), 0, item);
    },
    remove(item) {
      for (let i = lowerBound(item); i < items.length && compare(items[i] as T, item) === 0; i++) {
        if (items[i] === item) {
          items.splice(i, 1);
          return;
        }
      }
    },
  };
}
