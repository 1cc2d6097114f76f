import { Faker, base, en, zh_CN, type Randomizer } from '@faker-js/faker';

/** Independent random streams, so adding a kind of document never changes another kind's output. */
export const STREAMS = {
  org: 1,
  catalog: 2,
  campaigns: 3,
  knowledge: 4,
  account: 10,
  deals: 11,
  service: 12,
  leads: 13,
  agenda: 14,
  service_settings: 15,
  purchases: 16,
  // Ids carry the stream's low four bits: 7 and 8 are the free ones (16 is 0, 17 would repeat org's 1).
  marketing: 7,
  marketing_world: 8,
} as const;
export type StreamName = keyof typeof STREAMS;

const DAY_MS = 86_400_000;

/**
 * Seeded randomness for the demo data. Every record group (one account with its contacts, deals,
 * cases...) reseeds from (seed, stream, index), so account #70,000 comes out the same whether it is
 * generated alone, in a batch of 500 or after the 69,999 before it: determinism without holding
 * the dataset in memory.
 */
export class SeedRandom {
  private readonly randomizer = new Sfc32Randomizer();
  /** Both locales draw from the one randomizer, so mixing them keeps a single deterministic stream. */
  readonly en = new Faker({ locale: [en, base], randomizer: this.randomizer });
  readonly zh = new Faker({ locale: [zh_CN, en, base], randomizer: this.randomizer });
  constructor(private readonly seed: number) {}

  private stream = 0;
  private index = 0;
  private idsIssued = 0;

  reseed(stream: StreamName, index = 0): this {
    this.randomizer.seed([this.seed, STREAMS[stream], index]);
    this.stream = STREAMS[stream];
    this.index = index;
    this.idsIssued = 0;
    return this;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.randomizer.next();
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.randomizer.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: ReadonlyArray<T>): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Picks by weight: `[['a', 3], ['b', 1]]` yields 'a' three times as often. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    const last = items[items.length - 1];
    if (last === undefined) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  /** k distinct items in random order (k ≤ items.length). */
  sample<T>(items: ReadonlyArray<T>, k: number): T[] {
    return this.en.helpers.arrayElements([...items], Math.min(k, items.length));
  }

  /** A version-4-shaped UUID from the seeded stream (faker's is ~10x slower). */
  /**
   * A UUID-shaped id that is unique by construction: the randomizer's state is only 32 bits wide,
   * so purely random ids collide (3 duplicates in 100,000 accounts). The stream, the record-group
   * index and a per-group counter are encoded in the id; the rest is random for looks.
   */
  uuid(): string {
    const hex = (n: number) =>
      Math.floor(this.next() * 2 ** 32)
        .toString(16)
        .padStart(8, '0')
        .slice(0, n);
    const variant = (8 + this.int(0, 3)).toString(16);
    const n = this.idsIssued++;
    if (n >= 0x1000) throw new Error('more than 4,096 ids in one record group');
    const counter = n.toString(16).padStart(3, '0');
    const stream = (this.stream & 0xf).toString(16);
    const index = this.index.toString(16).padStart(12, '0');
    return `${hex(8)}-${hex(4)}-4${stream}${counter.slice(0, 2)}-${variant}${counter.slice(2)}${hex(2)}-${index}`;
  }

  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += String(this.int(0, 9));
    return out;
  }

  /** A whole-minute instant between two instants. */
  between(from: number, to: number): number {
    if (to <= from) return from;
    return Math.floor(this.int(from, to) / 60_000) * 60_000;
  }

  /** An instant `days` (fractional allowed) after `from`. */
  daysAfter(from: number, minDays: number, maxDays: number): number {
    return this.between(from + minDays * DAY_MS, from + maxDays * DAY_MS);
  }
}

export { DAY_MS };

/** `YYYY-MM-DD` of an instant in UTC: calendar dates in the seed are UTC dates. */
export function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

export function addMonthsUtc(epochMs: number, months: number): number {
  const d = new Date(epochMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate());
}

/**
 * sfc32 behind faker's Randomizer interface. Faker's own Mersenne Twister costs ~50 µs per reseed,
 * which is seconds per 100,000 accounts; this one reseeds in well under a microsecond.
 */
class Sfc32Randomizer implements Randomizer {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  seed(seed: number | number[]): void {
    // Hash the seed parts into four 32-bit words (splitmix-style), then warm the generator up.
    let h = 0x9e3779b9;
    for (const part of Array.isArray(seed) ? seed : [seed]) {
      h = Math.imul(h ^ (part >>> 0) ^ Math.floor(part / 2 ** 32), 0x85ebca6b);
      h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) ^ (h >>> 16);
    }
    this.a = h ^ 0xdeadbeef;
    this.b = Math.imul(h, 0x27d4eb2f) ^ 0x165667b1;
    this.c = Math.imul(h ^ 0x12345678, 0x9e3779b1);
    this.d = 1;
    for (let i = 0; i < 15; i++) this.next();
  }

  // An arrow property: faker calls `next` detached from the object.
  readonly next = (): number => {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  };
}
