import { pointsForScore, prepareRecord, scorePair, typoProbes, type PreparedRecord } from './duplicate-score';

/**
 * An in-memory index of accounts or contacts that finds likely duplicates. Records are filed under
 * blocking keys (exact e-mail, the last digits of the phone, company domain, canonical name, name
 * words, the halves of the brand or name so one typo still meets, CJK character bigrams, and for
 * contacts name words within their account), so a look-up compares a record only with the few
 * records that share a key, then scores each with the weighted evidence of duplicate-score.ts (where
 * phones are compared in E.164). Pure TypeScript: runs in the core or a worker.
 */

export type DedupEntity = 'account' | 'contact';

export type DedupRecord = {
  readonly id: string;
  /** Account name, or a contact's "first last" as typed. */
  readonly name: string;
  readonly email?: string;
  /** Any format; read with `country` as the default country. */
  readonly phone?: string;
  readonly website?: string;
  readonly domain?: string;
  /** Name or ISO code as stored on the record, for phone parsing. */
  readonly country?: string;
  readonly city?: string;
  /** Contacts: their company. */
  readonly accountId?: string;
};

export type MatchReason = 'same_email' | 'same_phone' | 'same_domain' | 'same_name' | 'similar_name' | 'same_city' | 'same_account';

export type DuplicateCandidate = { readonly id: string; readonly score: number; readonly reasons: readonly MatchReason[] };

export type DuplicatePair = {
  readonly aId: string;
  readonly bId: string;
  readonly score: number;
  readonly reasons: readonly MatchReason[];
};

/**
 * Scores from here on are reported as likely duplicates: at 0.5 the evidence for "same record" and
 * "different records" is even (see duplicate-score.ts for the points behind a score).
 */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.5;

/** Candidates returned by candidatesFor unless a limit is given. */
const DEFAULT_CANDIDATE_LIMIT = 20;

/**
 * A key shared by more records than this says too little to be worth comparing them all ("gmbh",
 * "technologies", a company's switchboard number); such a block is skipped. The records in it are
 * still found through their other keys.
 */
export const MAX_BLOCK_SIZE = 100;
/**
 * Typo blocks (two records whose name halves agree, see duplicate-score.ts) are a fallback for names
 * no exact key links; a half shared by more records than this is a common stem, not a near-miss.
 */
export const MAX_TYPO_BLOCK_SIZE = 20;

export class DuplicateIndex {
  readonly entity: DedupEntity;
  private readonly slots: (PreparedRecord | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private readonly slotById = new Map<string, number>();
  private readonly blocks = new Map<string, number[]>();
  /** How many records carry each canonical name; a common name ("john smith") is weaker evidence. */
  private readonly nameCounts = new Map<string, number>();
  /** Per-slot marker of the last look-up that saw it, so each candidate is scored once per look-up. */
  private seen = new Int32Array(0);
  private stamp = 0;

  constructor(entity: DedupEntity) {
    if (entity !== 'account' && entity !== 'contact') throw new Error(`unknown duplicate entity: ${String(entity)}`);
    this.entity = entity;
  }

  get size(): number {
    return this.slotById.size;
  }

  /** Adds a record or replaces the record with the same id. */
  upsert(record: DedupRecord): void {
    if (typeof record.id !== 'string' || record.id.length === 0) throw new Error('a duplicate-index record needs an id');
    if (typeof record.name !== 'string') throw new Error(`record ${record.id} has no name`);
    const prepared = prepareRecord(record, this.entity);
    this.remove(record.id);
    const slot = this.freeSlots.pop() ?? this.slots.length;
    this.slots[slot] = prepared;
    this.slotById.set(record.id, slot);
    for (const key of prepared.keys) {
      const block = this.blocks.get(key);
      if (block === undefined) this.blocks.set(key, [slot]);
      else block.push(slot);
    }
    if (prepared.name.key.length > 0) this.nameCounts.set(prepared.name.key, (this.nameCounts.get(prepared.name.key) ?? 0) + 1);
  }

  /** Removes a record; unknown ids are ignored. */
  remove(id: string): void {
    const slot = this.slotById.get(id);
    if (slot === undefined) return;
    const prepared = this.slots[slot];
    if (prepared === undefined) return;
    for (const key of prepared.keys) {
      const block = this.blocks.get(key);
      if (block === undefined) continue;
      const at = block.lastIndexOf(slot);
      if (at >= 0) {
        block[at] = block[block.length - 1] ?? slot;
        block.pop();
      }
      if (block.length === 0) this.blocks.delete(key);
    }
    const count = (this.nameCounts.get(prepared.name.key) ?? 1) - 1;
    if (count > 0) this.nameCounts.set(prepared.name.key, count);
    else this.nameCounts.delete(prepared.name.key);
    this.slots[slot] = undefined;
    this.slotById.delete(id);
    this.freeSlots.push(slot);
  }

  /**
   * Records that are likely duplicates of `record`, best first, never `record.id` itself. The record
   * need not be in the index (checking a new record before saving it).
   */
  candidatesFor(record: DedupRecord, options: { threshold?: number; limit?: number } = {}): DuplicateCandidate[] {
    const threshold = checkThreshold(options.threshold);
    const limit = options.limit ?? DEFAULT_CANDIDATE_LIMIT;
    if (!Number.isInteger(limit) || limit < 0) throw new Error(`candidate limit must be a whole number ≥ 0, got ${limit}`);
    const prepared = prepareRecord(record, this.entity);
    const own = this.slotById.get(record.id);
    const found: DuplicateCandidate[] = [];
    const minPoints = pointsForScore(threshold);
    this.forEachCandidate(prepared, own ?? -1, (_slot, other) => {
      const scored = scorePair(prepared, other, this.entity, this.nameCounts, minPoints);
      if (scored !== undefined && scored.score >= threshold) found.push({ id: other.id, score: scored.score, reasons: scored.reasons });
    });
    found.sort(byScoreThenId);
    return found.slice(0, limit);
  }

  /** Every likely duplicate pair once (aId < bId), best first. */
  pairs(options: { threshold?: number } = {}): DuplicatePair[] {
    const threshold = checkThreshold(options.threshold);
    const minPoints = pointsForScore(threshold);
    const found: DuplicatePair[] = [];
    for (let slot = 0; slot < this.slots.length; slot++) {
      const record = this.slots[slot];
      if (record === undefined) continue;
      this.forEachCandidate(record, slot, (otherSlot, other) => {
        // Each unordered pair is scored from its lower slot only.
        if (otherSlot < slot) return;
        const scored = scorePair(record, other, this.entity, this.nameCounts, minPoints);
        if (scored !== undefined && scored.score >= threshold) {
          const [aId, bId] = record.id < other.id ? [record.id, other.id] : [other.id, record.id];
          found.push({ aId, bId, score: scored.score, reasons: scored.reasons });
        }
      });
    }
    found.sort((x, y) => y.score - x.score || (x.aId < y.aId ? -1 : x.aId > y.aId ? 1 : x.bId < y.bId ? -1 : x.bId > y.bId ? 1 : 0));
    return found;
  }

  /** Calls `visit` once for each distinct indexed record sharing a usable block with `record`. */
  private forEachCandidate(record: PreparedRecord, ownSlot: number, visit: (slot: number, other: PreparedRecord) => void): void {
    if (this.seen.length < this.slots.length) {
      const grown = new Int32Array(Math.max(this.slots.length, this.seen.length * 2, 64));
      grown.set(this.seen);
      this.seen = grown;
    }
    this.stamp += 1;
    if (this.stamp === 0x7fffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const stamp = this.stamp;
    const seen = this.seen;
    for (const keys of [record.keys, typoProbes(record)]) {
      for (const key of keys) {
        const block = this.blocks.get(key);
        if (block === undefined || block.length > (isTypoKey(key) ? MAX_TYPO_BLOCK_SIZE : MAX_BLOCK_SIZE)) continue;
        for (const slot of block) {
          if (slot === ownSlot || seen[slot] === stamp) continue;
          seen[slot] = stamp;
          const other = this.slots[slot];
          if (other !== undefined) visit(slot, other);
        }
      }
    }
  }
}

function isTypoKey(key: string): boolean {
  return key.startsWith('h:') || key.startsWith('l:');
}

function checkThreshold(threshold: number | undefined): number {
  const value = threshold ?? DEFAULT_DUPLICATE_THRESHOLD;
  if (!(value >= 0 && value <= 1)) throw new Error(`duplicate threshold must be between 0 and 1, got ${threshold}`);
  return value;
}

function byScoreThenId(a: DuplicateCandidate, b: DuplicateCandidate): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
