import { emptyBitset, setBit, type Bitset } from './bitset';

/** Dense numbering of one kind of record; a removed record keeps its number, marked not alive. */
export class RecordTable {
  readonly ids: string[] = [];
  readonly numbers = new Map<string, number>();
  readonly alive: number[] = [];
  liveCount = 0;
  /** The record's number, allocating one (not alive) on first sight. */
  number(id: string): number {
    let n = this.numbers.get(id);
    if (n === undefined) {
      n = this.ids.length;
      this.numbers.set(id, n);
      this.ids.push(id);
      this.alive.push(0);
      this.cachedAlive = null;
    }
    return n;
  }
  setAlive(n: number, alive: boolean): void {
    const was = this.alive[n] === 1;
    if (was === alive) return;
    this.alive[n] = alive ? 1 : 0;
    this.liveCount += alive ? 1 : -1;
    this.cachedAlive = null;
  }
  get size(): number {
    return this.ids.length;
  }
  private cachedAlive: Bitset | null = null;
  /** The live records as a bitset; shared between queries until the table changes (never mutate it). */
  aliveBits(): Bitset {
    if (this.cachedAlive) return this.cachedAlive;
    const bits = emptyBitset(this.size);
    for (let i = 0; i < this.alive.length; i++) if (this.alive[i] === 1) setBit(bits, i);
    this.cachedAlive = bits;
    return bits;
  }
}
