/** Fixed-size sets of record numbers, 32 to a word; every operation works a word at a time. */
export type Bitset = Uint32Array;

export const bitsetWords = (size: number): number => (size + 31) >>> 5;

export const emptyBitset = (size: number): Bitset => new Uint32Array(bitsetWords(size));

export function fullBitset(size: number): Bitset {
  const bits = new Uint32Array(bitsetWords(size)).fill(0xffffffff);
  const rest = size & 31;
  if (rest !== 0) bits[bits.length - 1] = (1 << rest) - 1;
  return bits;
}

export const setBit = (bits: Bitset, i: number): void => {
  bits[i >>> 5]! |= 1 << (i & 31);
};

export const hasBit = (bits: Bitset, i: number): boolean => (bits[i >>> 5]! & (1 << (i & 31))) !== 0;

/** `into` becomes `into ∧ other`. */
export function andInto(into: Bitset, other: Bitset): void {
  for (let w = 0; w < into.length; w++) into[w]! &= other[w]!;
}

/** `into` becomes `into ∨ other`. */
export function orInto(into: Bitset, other: Bitset): void {
  for (let w = 0; w < into.length; w++) into[w]! |= other[w]!;
}

/** `into` becomes `universe ∧ ¬into`. */
export function complementWithin(into: Bitset, universe: Bitset): void {
  for (let w = 0; w < into.length; w++) into[w] = universe[w]! & ~into[w]!;
}

export function popcount(bits: Bitset): number {
  let n = 0;
  for (let w = 0; w < bits.length; w++) {
    let v = bits[w]!;
    v = v - ((v >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return n;
}

/** Calls `each` on every member in ascending order; stops when `each` returns false. */
export function forEachBit(bits: Bitset, each: (i: number) => boolean | void): void {
  for (let w = 0; w < bits.length; w++) {
    let v = bits[w]!;
    while (v !== 0) {
      const low = v & -v;
      const i = (w << 5) + (31 - Math.clz32(low));
      if (each(i) === false) return;
      v ^= low;
    }
  }
}
