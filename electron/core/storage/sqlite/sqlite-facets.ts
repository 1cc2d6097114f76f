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

type Entry = { readonly range: IndexRange; readonly set: RowidSet };
type OrderEntry = { readonly range: IndexRange; readonly rowids: Int32Array };

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

/**
 * The rowids of the documents in an index range, for equality conditions ("status is Active",
 * "region is EMEA or APAC"), cached per table and connection and kept exact by every write of
 * that connection (the only writer: the core owns the database file). A list's filters then
 * combine as bitset intersections: a count is a popcount, and a sorted page walks the sort
 * index checking a bit per entry instead of seeking table rows (sqlite-facet-query.ts).
 */
export class FacetCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  /**
   * Rowids of a sort index's range in its order. A sorted page of a filter walks the sort index
   * until it has its window, checking a bit per entry; when the filter and the sort are related
   * ("key accounts by headcount": the key accounts are the big ones, at the far end) the walk
   * reads tens of thousands of entries, ~1 µs each out of SQLite and ~4 ns each out of this array.
   * A walk reads an order once it turns out long (sqlite-facet-query.ts, matchedInOrder). Any
   * write to the table drops them (a new row, a changed key: the order is not kept up to date).
   */
  private readonly orders = new Map<string, OrderEntry>();
  private orderBytes = 0;

  /** The set of a range, built by `read` (the range's rowids) on first use. */
  setOf(range: IndexRange, capacity: number, read: () => Iterable<number>): RowidSet {
    const key = rangeKey(range);
    const cached = this.entries.get(key);
    if (cached) {
      // Re-inserted: Map order is the recency order the eviction walks.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached.set;
    }
    const set = RowidSet.of(read(), capacity);
    this.entries.set(key, { range, set });
    this.bytes += set.bytes;
    for (const [oldKey, entry] of this.entries) {
      if (this.bytes <= FACET_CACHE_BYTES || oldKey === key) break;
      this.entries.delete(oldKey);
      this.bytes -= entry.set.bytes;
    }
    return set;
  }

  /**
   * The rowids of a range in index order, read by `read` on first use (see `orders`); undefined
   * when the table's rowids do not fit (the caller then walks the index).
   */
  orderOf(range: IndexRange, rowsAtMost: number, read: () => number[]): Int32Array | undefined {
    if (rowsAtMost > MAX_ORDERED_ROWID) return undefined;
    const key = rangeKey(range);
    const cached = this.orders.get(key);
    if (cached) {
      this.orders.delete(key);
      this.orders.set(key, cached);
      return cached.rowids;
    }
    const rowids = Int32Array.from(read());
    this.orders.set(key, { range, rowids });
    this.orderBytes += rowids.byteLength;
    for (const [oldKey, entry] of this.orders) {
      if (this.orderBytes <= ORDER_CACHE_BYTES || oldKey === key) break;
      this.orders.delete(oldKey);
      this.orderBytes -= entry.rowids.byteLength;
    }
    return rowids;
  }

  /** The order of a range if it is held (a walk of it is then cheap whatever its length). */
  heldOrder(range: IndexRange): Int32Array | undefined {
    return this.orders.get(rangeKey(range))?.rowids;
  }

  /**
   * Inside the write's transaction, once its rows are stored: each document joins or leaves every
   * cached set of each index by its new key. The caller drops the cache if the transaction fails.
   */
  written(docs: ReadonlyArray<object>, rowids: readonly number[]): void {
    this.dropOrders();
    if (this.entries.size === 0) return;
    if (docs.length > FACET_UPDATE_MAX_DOCS) {
      this.clear();
      return;
    }
    const byIndex = new Map<IndexRange['index'], Entry[]>();
    for (const entry of this.entries.values()) {
      const list = byIndex.get(entry.range.index);
      if (list) list.push(entry);
      else byIndex.set(entry.range.index, [entry]);
    }
    for (const [index, entries] of byIndex) {
      for (let i = 0; i < docs.length; i++) {
        const key = index.codec.docKey(docs[i] as RxDocumentData<unknown>);
        const rowid = rowids[i] as number;
        for (const { range, set } of entries) {
          if (keyInRange(key, range)) set.add(rowid);
          else set.delete(rowid);
        }
      }
    }
  }

  /** Tombstones were purged: only sets of ranges that may hold deleted documents can change. */
  tombstonesDeleted(): void {
    const live = (range: IndexRange) => range.lower.startsWith('0') && range.upper.startsWith('0');
    for (const [key, entry] of this.entries) {
      if (live(entry.range)) continue;
      this.entries.delete(key);
      this.bytes -= entry.set.bytes;
    }
    for (const [key, entry] of this.orders) {
      if (live(entry.range)) continue;
      this.orders.delete(key);
      this.orderBytes -= entry.rowids.byteLength;
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
    this.dropOrders();
  }

  private dropOrders(): void {
    this.orders.clear();
    this.orderBytes = 0;
  }
}

function rangeKey(range: IndexRange): string {
  return `${range.index.column}\u0000${range.inclusiveStart ? '[' : '('}${range.lower}\u0000${range.upper}${range.inclusiveEnd ? ']' : ')'}`;
}
