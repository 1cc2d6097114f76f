import type { RxDocumentData } from 'rxdb/plugins/core';
import type { IndexRange } from './sqlite-plan';

/**
 * A set of rowids as a bitset over the rowid space. SQLite hands out rowids densely (max + 1) and
 * reuses them only after the largest rows are deleted, so a table of n rows needs about n / 8
 * bytes per set: 12.5 KB at 100,000 rows.
 */
export class RowidSet {
  private words: Uint32Array;

  constructor(capacity = 0) {
    this.words = new Uint32Array((capacity >>> 5) + 1);
  }

  static of(rowids: Iterable<number>, capacity: number): RowidSet {
    const set = new RowidSet(capacity);
    for (const rowid of rowids) set.add(rowid);
    return set;
  }

  /** The rowids in both sets. */
  static and(sets: readonly RowidSet[]): RowidSet {
    const [first, ...rest] = sets;
    if (!first) return new RowidSet();
    const length = Math.min(...sets.map((set) => set.words.length));
    const out = new RowidSet();
    out.words = first.words.slice(0, length);
    for (const set of rest) {
      const words = set.words;
      for (let i = 0; i < length; i++) out.words[i] = (out.words[i] as number) & (words[i] as number);
    }
    return out;
  }

  /** The rowids in any of the sets. */
  static or(sets: readonly RowidSet[]): RowidSet {
    const out = new RowidSet();
    out.words = new Uint32Array(Math.max(1, ...sets.map((set) => set.words.length)));
    for (const set of sets) {
      const words = set.words;
      for (let i = 0; i < words.length; i++) out.words[i] = (out.words[i] as number) | (words[i] as number);
    }
    return out;
  }

  has(rowid: number): boolean {
    const word = rowid >>> 5;
    return word < this.words.length && ((this.words[word] as number) & (1 << (rowid & 31))) !== 0;
  }

  add(rowid: number): void {
    const word = rowid >>> 5;
    if (word >= this.words.length) {
      const grown = new Uint32Array(Math.max(word + 1, Math.ceil(this.words.length * 1.5)));
      grown.set(this.words);
      this.words = grown;
    }
    this.words[word] = (this.words[word] as number) | (1 << (rowid & 31));
  }

  delete(rowid: number): void {
    const word = rowid >>> 5;
    if (word < this.words.length) this.words[word] = (this.words[word] as number) & ~(1 << (rowid & 31));
  }

  get size(): number {
    let count = 0;
    for (let i = 0; i < this.words.length; i++) count += bitCount(this.words[i] as number);
    return count;
  }

  get bytes(): number {
    return this.words.byteLength;
  }

  /** The rowids in ascending order. */
  toArray(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.words.length; i++) {
      let word = this.words[i] as number;
      while (word !== 0) {
        const low = word & -word;
        out.push((i << 5) + 31 - Math.clz32(low));
        word ^= low;
      }
    }
    return out;
  }
}

function bitCount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Whether an index key lies in a range (JS order of encoded keys is SQLite's order: index-string.ts). */
export function keyInRange(key: string, range: IndexRange): boolean {
  return (range.inclusiveStart ? key >= range.lower : key > range.lower) && (range.inclusiveEnd ? key <= range.upper : key < range.upper);
}

/** Rowids above this do not fit an Int32Array: such a table's walks read the index itself. */
const MAX_ORDERED_ROWID = 0x7fffffff;

/**
 * Above this many documents in one write, the cached sets are dropped rather than updated: a
 * first sync's or an import's pages would otherwise pay for every set on every document, and the
 * next query rebuilds what it needs from the index in one range read.
 */
export const FACET_UPDATE_MAX_DOCS = 2_000;
/** Bitsets kept per table; the least recently used go first (8 MB is 640 sets at 100,000 rows). */
export const FACET_CACHE_BYTES = 8 * 1024 * 1024;
/** Sort orders kept per table, least recently used out first (4 MB is ten orders of 100,000 rows). */
export const ORDER_CACHE_BYTES = 4 * 1024 * 1024;

/** Values cached by index range within a byte budget; the least recently used go first. */
class RangeCache<T> {
  private readonly entries = new Map<string, { readonly range: IndexRange; readonly value: T }>();
  private bytes = 0;

  constructor(
    private readonly budget: number,
    private readonly sizeOf: (value: T) => number,
  ) {}

  /** The value of a range, made by `make` on first use. */
  get(range: IndexRange, make: () => T): T {
    const key = rangeKey(range);
    const cached = this.entries.get(key);
    if (cached) {
      // Re-inserted: Map order is the recency order the eviction walks.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached.value;
    }
    const value = make();
    this.entries.set(key, { range, value });
    this.bytes += this.sizeOf(value);
    for (const [oldKey, entry] of this.entries) {
      if (this.bytes <= this.budget || oldKey === key) break;
      this.drop(oldKey, entry.value);
    }
    return value;
  }

  peek(range: IndexRange): T | undefined {
    return this.entries.get(rangeKey(range))?.value;
  }

  get size(): number {
    return this.entries.size;
  }

  values(): IterableIterator<{ readonly range: IndexRange; readonly value: T }> {
    return this.entries.values();
  }

  /** Drops the entries whose range passes `test`. */
  dropWhere(test: (range: IndexRange) => boolean): void {
    for (const [key, entry] of this.entries) if (test(entry.range)) this.drop(key, entry.value);
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private drop(key: string, value: T): void {
    this.entries.delete(key);
    this.bytes -= this.sizeOf(value);
  }
}

/**
 * The rowids of the documents in an index range, for equality conditions ("status is Active",
 * "region is EMEA or APAC"), cached per table and connection and kept exact by every write of
 * that connection (the only writer: the core owns the database file). A list's filters then
 * combine as bitset intersections: a count is a popcount, and a sorted page walks the sort
 * index checking a bit per entry instead of seeking table rows (sqlite-facet-query.ts).
 */
export class FacetCache {
  private readonly sets = new RangeCache<RowidSet>(FACET_CACHE_BYTES, (set) => set.bytes);
  /**
   * Rowids of a sort index's range in its order. A sorted page of a filter walks the sort index
   * until it has its window, checking a bit per entry; when the filter and the sort are related
   * ("key accounts by headcount": the key accounts are the big ones, at the far end) the walk
   * reads tens of thousands of entries, ~1 µs each out of SQLite and ~4 ns each out of this array.
   * A walk reads an order once it turns out long (sqlite-facet-query.ts, matchedInOrder). Any
   * write to the table drops them (a new row, a changed key: the order is not kept up to date).
   */
  private readonly orders = new RangeCache<Int32Array>(ORDER_CACHE_BYTES, (rowids) => rowids.byteLength);

  /** The set of a range, built by `read` (the range's rowids) on first use. */
  setOf(range: IndexRange, capacity: number, read: () => Iterable<number>): RowidSet {
    return this.sets.get(range, () => RowidSet.of(read(), capacity));
  }

  /**
   * The rowids of a range in index order, read by `read` on first use (see `orders`); undefined
   * when the table's rowids do not fit (the caller then walks the index).
   */
  orderOf(range: IndexRange, rowsAtMost: number, read: () => number[]): Int32Array | undefined {
    if (rowsAtMost > MAX_ORDERED_ROWID) return undefined;
    return this.orders.get(range, () => Int32Array.from(read()));
  }

  /** The order of a range if it is held (a walk of it is then cheap whatever its length). */
  heldOrder(range: IndexRange): Int32Array | undefined {
    return this.orders.peek(range);
  }

  /**
   * Inside the write's transaction, once its rows are stored: each document joins or leaves every
   * cached set of each index by its new key. The caller drops the cache if the transaction fails.
   */
  written(docs: ReadonlyArray<object>, rowids: readonly number[]): void {
    this.orders.clear();
    if (this.sets.size === 0) return;
    if (docs.length > FACET_UPDATE_MAX_DOCS) {
      this.sets.clear();
      return;
    }
    const byIndex = new Map<IndexRange['index'], Array<{ readonly range: IndexRange; readonly value: RowidSet }>>();
    for (const entry of this.sets.values()) {
      const list = byIndex.get(entry.range.index);
      if (list) list.push(entry);
      else byIndex.set(entry.range.index, [entry]);
    }
    for (const [index, entries] of byIndex) {
      for (let i = 0; i < docs.length; i++) {
        const key = index.codec.docKey(docs[i] as RxDocumentData<unknown>);
        const rowid = rowids[i] as number;
        for (const { range, value: set } of entries) {
          if (keyInRange(key, range)) set.add(rowid);
          else set.delete(rowid);
        }
      }
    }
  }

  /** Tombstones were purged: only what is cached of ranges that may hold deleted documents can change. */
  tombstonesDeleted(): void {
    const mayHoldDeleted = (range: IndexRange) => !(range.lower.startsWith('0') && range.upper.startsWith('0'));
    this.sets.dropWhere(mayHoldDeleted);
    this.orders.dropWhere(mayHoldDeleted);
  }

  clear(): void {
    this.sets.clear();
    this.orders.clear();
  }
}

function rangeKey(range: IndexRange): string {
  return `${range.index.column}\u0000${range.inclusiveStart ? '[' : '('}${range.lower}\u0000${range.upper}${range.inclusiveEnd ? ']' : ')'}`;
}
