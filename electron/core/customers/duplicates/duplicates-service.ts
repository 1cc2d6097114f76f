import type {
  DuplicateCandidateRow,
  DuplicateEntity,
  DuplicateProbe,
  DuplicateQueueRow,
  DuplicateSide,
  MergeChildCollection,
  MergeChildCounts,
  MergeField,
  MergePreview,
  MergePreviewField,
  MergeResult,
  MergeValue,
  UndoMergeResult,
} from '../../../../shared/contract/customers/duplicates-requests';
import { MERGE_CHILDREN, MERGE_FIELDS } from '../../../../shared/contract/customers/duplicates-requests';
import type { AuthSession } from '../../../../shared/contract/sync/sync-types';
import type { DedupRecord, DuplicatePair } from '../../../../shared/dedup/duplicate-index';
import { MAX_MERGE_CHILDREN, type Account, type Contact, type MergeUndo } from '../../../../shared/schemas';
import type { CrmDatabase } from '../../db/open-crm-database';
import { HandlerError } from '../../rpc/handler-error';
import { contactName, pairKey, type DuplicateSource } from './duplicate-source';
import {
  bulkWrite,
  ENTITY_COLLECTION,
  linkedIds,
  MERGE_LINKS,
  readStored,
  repoint,
  survivorOf,
  validateDoc,
  type StoredDoc,
  type WriteRow,
} from './merge-links';

export type DuplicatesDeps = {
  readonly db: CrmDatabase;
  readonly now: () => number;
  /** Who is signed in, with which role: a rep merges only their own records. */
  readonly session: () => AuthSession;
  readonly source: DuplicateSource;
};

/** The id a typed-in record is looked up under when it has none yet; never a stored id (ids are UUIDs). */
const PROBE_ID = '\u0000probe';
const MERGE_CONTEXT = 'duplicates-merge';

type Record_ = StoredDoc & Partial<Account & Contact>;

/** A field's value for the merge screen; absent, empty strings and empty lists count as "none". */
function mergeValue(doc: Record<string, unknown>, field: string): MergeValue | undefined {
  const value = doc[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : (value as string[]);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return undefined;
}

const json = (value: unknown): string | undefined => (value === undefined ? undefined : JSON.stringify(value));

function displayName(entity: DuplicateEntity, doc: Record<string, unknown>): string {
  return entity === 'account' ? String(doc.name ?? '') : contactName(doc as unknown as Contact);
}

export function createDuplicatesService(deps: DuplicatesDeps) {
  const { db, source } = deps;
  /** Losers of merges running now: the follower leaves their children to the merge itself. */
  const merging = new Set<string>();
  const queueCache = new Map<DuplicateEntity, { version: number; pairs: DuplicatePair[] }>();

  async function storedRecords(entity: DuplicateEntity, ids: ReadonlyArray<string>): Promise<Map<string, Record_>> {
    return (await readStored(db, ENTITY_COLLECTION[entity], ids)) as Map<string, Record_>;
  }

  async function accountNames(ids: Iterable<string>): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const docs = await db.accounts.findByIds(unique).exec();
    return new Map([...docs.values()].map((doc) => [doc.id, doc.name]));
  }

  async function userNames(ids: Iterable<string>): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const docs = await db.org.findByIds(unique).exec();
    const names = new Map<string, string>();
    for (const doc of docs.values()) {
      const data = doc.toJSON(false) as { kind: string; name?: string };
      if (data.kind === 'user' && data.name) names.set(doc.id, data.name);
    }
    return names;
  }

  function subtitleOf(entity: DuplicateEntity, doc: Record<string, unknown>, accounts: Map<string, string>): string {
    if (entity === 'contact') return accounts.get(String(doc.accountId)) ?? '';
    return [doc.city, doc.country].filter((part) => typeof part === 'string' && part.length > 0).join(', ');
  }

  /** Names, subtitles and owners of live records, in one read per collection. */
  async function sides(entity: DuplicateEntity, ids: ReadonlyArray<string>): Promise<Map<string, DuplicateSide & { doc: Record_ }>> {
    const stored = await storedRecords(entity, ids);
    const live = [...stored.values()].filter((doc) => !doc._deleted);
    const accounts = entity === 'contact' ? await accountNames(live.map((doc) => String(doc.accountId))) : new Map<string, string>();
    const owners = await userNames(live.map((doc) => String(doc.ownerId)));
    const out = new Map<string, DuplicateSide & { doc: Record_ }>();
    for (const doc of live) {
      const owner = owners.get(String(doc.ownerId));
      out.set(doc.id, {
        id: doc.id,
        name: displayName(entity, doc),
        subtitle: subtitleOf(entity, doc, accounts),
        updatedAt: doc.updatedAt,
        ...(owner !== undefined ? { ownerName: owner } : {}),
        doc,
      });
    }
    return out;
  }

  async function candidatesForMany(
    entity: DuplicateEntity,
    records: ReadonlyArray<DedupRecord>,
    limit: number,
  ): Promise<Map<string, DuplicateCandidateRow[]>> {
    const index = await source.index(entity);
    const found = records.map((record) => ({ id: record.id, candidates: index.candidatesFor(record, { limit }) }));
    const info = await sides(
      entity,
      found.flatMap((f) => f.candidates.map((c) => c.id)),
    );
    const out = new Map<string, DuplicateCandidateRow[]>();
    for (const { id, candidates } of found) {
      const rows: DuplicateCandidateRow[] = [];
      for (const candidate of candidates) {
        const side = info.get(candidate.id);
        if (!side) continue;
        const email = side.doc.email;
        const phone = side.doc.phone ?? side.doc.mobile;
        rows.push({
          id: side.id,
          name: side.name,
          subtitle: side.subtitle,
          ...(email ? { email } : {}),
          ...(phone ? { phone } : {}),
          score: candidate.score,
          reasons: [...candidate.reasons],
        });
      }
      if (rows.length > 0) out.set(id, rows);
    }
    return out;
  }

  function requireMergeAccess(records: ReadonlyArray<Record_>, what: string): void {
    const session = deps.session();
    if (!session.signedIn) return;
    const { role, userId, teamId } = session.user;
    if (role === 'admin') return;
    const allowed = records.every((doc) => (role === 'manager' ? doc.teamId === teamId || doc.ownerId === userId : doc.ownerId === userId));
    if (!allowed) {
      throw new HandlerError(
        'forbidden',
        `Only the owner, their manager or an admin may ${what} these records; nothing was changed.`,
        'merge_not_owner',
      );
    }
  }

  /** Both records, live; every refusal comes before anything is written. */
  async function mergePair(entity: DuplicateEntity, survivorId: string, loserId: string): Promise<{ survivor: Record_; loser: Record_ }> {
    if (survivorId === loserId) {
      throw new HandlerError('invalid_request', 'A record cannot be merged into itself; nothing was changed.', 'merge_same_record');
    }
    const stored = await storedRecords(entity, [survivorId, loserId]);
    const check = (id: string, role: 'survivor' | 'loser'): Record_ => {
      const doc = stored.get(id);
      if (!doc) throw new HandlerError('not_found', `No ${entity} with id ${id}`);
      if (doc._deleted) {
        if (typeof doc.mergedIntoId === 'string') {
          throw new HandlerError(
            'invalid_state',
            `The ${entity} ${id} (${role}) was already merged into another record; nothing was changed.`,
            'merged',
            {
              survivorId: doc.mergedIntoId,
            },
          );
        }
        throw new HandlerError('invalid_state', `The ${entity} ${id} (${role}) is deleted; nothing was changed.`, 'merge_deleted');
      }
      return doc;
    };
    return { survivor: check(survivorId, 'survivor'), loser: check(loserId, 'loser') };
  }

  /** The loser's children per collection (the survivor itself never counts as the loser's subsidiary). */
  async function childrenOf(entity: DuplicateEntity, loserId: string, survivorId: string): Promise<Map<MergeChildCollection, string[]>> {
    const out = new Map<MergeChildCollection, string[]>();
    for (const link of MERGE_LINKS[entity]) {
      const ids = (await linkedIds(db, link, loserId)).filter(
        (id) => !(link.collection === ENTITY_COLLECTION[entity] && id === survivorId),
      );
      out.set(link.collection, ids);
    }
    return out;
  }

  function counts(entity: DuplicateEntity, children: Map<MergeChildCollection, ReadonlyArray<string>>): MergeChildCounts {
    return Object.fromEntries(MERGE_CHILDREN[entity].map((name) => [name, children.get(name)?.length ?? 0]));
  }

  /** The survivor as the merge leaves it, and the before/after of every field that changes. */
  function mergedSurvivor(
    entity: DuplicateEntity,
    survivor: Record_,
    loser: Record_,
    take: Readonly<Partial<Record<MergeField, 'survivor' | 'loser'>>>,
    now: number,
  ): { next: StoredDoc; fields: MergeUndo['fields'] } {
    const allowed = MERGE_FIELDS[entity] as ReadonlyArray<string>;
    for (const field of Object.keys(take)) {
      if (!allowed.includes(field)) {
        throw new HandlerError(
          'invalid_request',
          `${field} is not a field of a ${entity} merge; nothing was changed.`,
          'merge_unknown_field',
          { field },
        );
      }
    }
    const next: Record<string, unknown> = { ...survivor };
    for (const field of allowed) {
      if (take[field as MergeField] !== 'loser') continue;
      const value = loser[field as keyof Record_];
      if (value === undefined) delete next[field];
      else next[field] = value;
    }
    // A survivor that was the loser's subsidiary (or takes a parent that is itself) would be its own
    // parent after the merge: the parent is cleared instead.
    if (entity === 'account' && (next.parentAccountId === survivor.id || next.parentAccountId === loser.id)) delete next.parentAccountId;
    next.updatedAt = Math.max(now, survivor.updatedAt);
    const fields: MergeUndo['fields'] = [];
    for (const field of [...allowed, 'parentAccountId']) {
      if (fields.some((f) => f.field === field)) continue;
      const before = json(survivor[field as keyof Record_]);
      const after = json(next[field]);
      if (before === after) continue;
      fields.push({ field, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) });
    }
    return { next: next as StoredDoc, fields };
  }

  /**
   * Survivor and tombstone in one bulkWrite of their collection. If one row conflicts (changed by a
   * sync pull since it was read) the other is put back, so the caller can answer `conflict` with
   * nothing changed.
   */
  async function writePair(entity: DuplicateEntity, rows: ReadonlyArray<WriteRow>, context: string): Promise<void> {
    const name = ENTITY_COLLECTION[entity];
    const conflicts = await bulkWrite(db, name, rows, context);
    if (conflicts.length === 0) return;
    const written = rows.filter((row) => !conflicts.includes(row.document.id));
    if (written.length > 0) {
      const current = await readStored(
        db,
        name,
        written.map((row) => row.document.id),
      );
      const back: WriteRow[] = [];
      for (const row of written) {
        const now = current.get(row.document.id);
        if (now) back.push({ previous: now, document: { ...row.previous, _rev: now._rev, _meta: now._meta } as StoredDoc });
      }
      await bulkWrite(db, name, back, `${context}-revert`);
    }
    throw new HandlerError('conflict', `The ${entity} changed while it was being merged; nothing was changed. Try again.`);
  }

  return {
    async check(
      entity: DuplicateEntity,
      probe: DuplicateProbe,
      excludeId: string | undefined,
      limit: number,
    ): Promise<DuplicateCandidateRow[]> {
      const record: DedupRecord = {
        id: excludeId ?? PROBE_ID,
        name: probe.name,
        ...(probe.email ? { email: probe.email } : {}),
        ...(probe.phone ? { phone: probe.phone } : {}),
        ...(probe.website ? { website: probe.website } : {}),
        ...(probe.country ? { country: probe.country } : {}),
        ...(probe.city ? { city: probe.city } : {}),
        ...(probe.accountId ? { accountId: probe.accountId } : {}),
      };
      return (await candidatesForMany(entity, [record], limit)).get(record.id) ?? [];
    },

    /**
     * Existing records like each of `records` (records need not be stored: an import's rows), by
     * the record's id; records with no candidate are absent. One read for all candidates' names.
     */
    candidatesForMany,

    async queue(entity: DuplicateEntity, offset: number, limit: number): Promise<{ rows: DuplicateQueueRow[]; total: number }> {
      const all = await source.pairs(entity);
      const version = source.version(entity);
      let cached = queueCache.get(entity);
      if (!cached || cached.version !== version) {
        const pairs = all
          .filter((pair) => !source.isDismissed(entity, pair.aId, pair.bId))
          .sort((a, b) => b.score - a.score || pairKey(a.aId, a.bId).localeCompare(pairKey(b.aId, b.bId)));
        cached = { version, pairs };
        queueCache.set(entity, cached);
      }
      const window = cached.pairs.slice(offset, offset + limit);
      const info = await sides(
        entity,
        window.flatMap((pair) => [pair.aId, pair.bId]),
      );
      const rows: DuplicateQueueRow[] = [];
      for (const pair of window) {
        const a = info.get(pair.aId);
        const b = info.get(pair.bId);
        if (!a || !b) continue;
        const { doc: _a, ...sideA } = a;
        const { doc: _b, ...sideB } = b;
        rows.push({ a: sideA, b: sideB, score: pair.score, reasons: [...pair.reasons] });
      }
      return { rows, total: cached.pairs.length };
    },

    /** Stored on the record with the smaller id (`notDuplicateOf`), so it syncs with that record. */
    async dismiss(entity: DuplicateEntity, aId: string, bId: string): Promise<void> {
      if (aId === bId) throw new HandlerError('invalid_request', 'A record is not a pair with itself; nothing was changed.');
      const [keeperId, otherId] = aId < bId ? [aId, bId] : [bId, aId];
      const stored = await storedRecords(entity, [keeperId, otherId]);
      for (const id of [keeperId, otherId]) {
        const doc = stored.get(id);
        if (!doc || doc._deleted) throw new HandlerError('not_found', `No ${entity} with id ${id}`);
      }
      const keeper = stored.get(keeperId) as Record_;
      const already = keeper.notDuplicateOf ?? [];
      if (already.includes(otherId)) return;
      const document = { ...keeper, notDuplicateOf: [...already, otherId], updatedAt: Math.max(deps.now(), keeper.updatedAt) } as StoredDoc;
      validateDoc(ENTITY_COLLECTION[entity], document);
      const conflicts = await bulkWrite(db, ENTITY_COLLECTION[entity], [{ previous: keeper, document }], 'duplicates-dismiss');
      if (conflicts.length > 0) throw new HandlerError('conflict', `The ${entity} changed meanwhile; nothing was changed. Try again.`);
    },

    async preview(entity: DuplicateEntity, survivorId: string, loserId: string): Promise<MergePreview> {
      const { survivor, loser } = await mergePair(entity, survivorId, loserId);
      const info = await sides(entity, [survivorId, loserId]);
      const refs = MERGE_FIELDS[entity].filter((f) => f === 'accountId' || f === 'parentAccountId');
      const accounts = await accountNames(refs.flatMap((f) => [survivor[f], loser[f]]).filter((v): v is string => typeof v === 'string'));
      const owners = await userNames([String(survivor.ownerId), String(loser.ownerId)]);
      const fields: MergePreviewField[] = MERGE_FIELDS[entity].map((field) => {
        const s = mergeValue(survivor, field);
        const l = mergeValue(loser, field);
        const labels = field === 'ownerId' ? owners : field === 'accountId' || field === 'parentAccountId' ? accounts : undefined;
        const survivorLabel = typeof s === 'string' ? labels?.get(s) : undefined;
        const loserLabel = typeof l === 'string' ? labels?.get(l) : undefined;
        return {
          field,
          ...(s !== undefined ? { survivor: s } : {}),
          ...(l !== undefined ? { loser: l } : {}),
          differs: json(s) !== json(l),
          ...(survivorLabel !== undefined ? { survivorLabel } : {}),
          ...(loserLabel !== undefined ? { loserLabel } : {}),
        };
      });
      const children = await childrenOf(entity, loserId, survivorId);
      const strip = (id: string): DuplicateSide => {
        const { doc: _doc, ...side } = info.get(id) as DuplicateSide & { doc: Record_ };
        return side;
      };
      return { entity, survivor: strip(survivorId), loser: strip(loserId), fields, children: counts(entity, children) };
    },

    async merge(
      entity: DuplicateEntity,
      survivorId: string,
      loserId: string,
      take: Readonly<Partial<Record<MergeField, 'survivor' | 'loser'>>>,
    ): Promise<MergeResult> {
      const { survivor, loser } = await mergePair(entity, survivorId, loserId);
      requireMergeAccess([survivor, loser], 'merge');
      const now = deps.now();
      const { next, fields } = mergedSurvivor(entity, survivor, loser, take, now);
      validateDoc(ENTITY_COLLECTION[entity], next);
      const children = await childrenOf(entity, loserId, survivorId);
      for (const [name, ids] of children) {
        if (ids.length > MAX_MERGE_CHILDREN) {
          throw new HandlerError(
            'invalid_state',
            `The ${entity} has ${ids.length} ${name}, more than a merge moves (${MAX_MERGE_CHILDREN}).`,
          );
        }
      }
      const moved: MergeUndo['moved'] = Object.fromEntries([...children].filter(([, ids]) => ids.length > 0));
      const tombstone = {
        ...loser,
        mergedIntoId: survivorId,
        mergeUndo: { mergedAt: now, fields, moved },
        updatedAt: Math.max(now, loser.updatedAt),
        _deleted: true,
      } as StoredDoc;
      validateDoc(ENTITY_COLLECTION[entity], tombstone);
      merging.add(loserId);
      try {
        await writePair(
          entity,
          [
            { previous: survivor, document: next },
            { previous: loser, document: tombstone },
          ],
          MERGE_CONTEXT,
        );
        // Children last: one bulkWrite per collection. A child that cannot be moved now (changed
        // over and over by a sync) is moved by the follower when its next change arrives, since it
        // points at a tombstone with mergedIntoId.
        const result: Partial<Record<MergeChildCollection, number>> = {};
        for (const link of MERGE_LINKS[entity]) {
          const ids = children.get(link.collection) ?? [];
          result[link.collection] = (await repoint(db, link, ids, loserId, survivorId, now, MERGE_CONTEXT)).length;
        }
        return { survivorId, moved: result };
      } finally {
        merging.delete(loserId);
      }
    },

    async undo(entity: DuplicateEntity, loserId: string): Promise<UndoMergeResult> {
      const tombstone = (await storedRecords(entity, [loserId])).get(loserId);
      if (!tombstone) throw new HandlerError('not_found', `No ${entity} with id ${loserId}`);
      if (!tombstone._deleted || typeof tombstone.mergedIntoId !== 'string' || !tombstone.mergeUndo) {
        throw new HandlerError('invalid_state', `The ${entity} ${loserId} is not a merged record; nothing was changed.`, 'not_merged');
      }
      const survivorId = tombstone.mergedIntoId;
      const survivor = (await storedRecords(entity, [survivorId])).get(survivorId);
      if (!survivor || survivor._deleted) {
        throw new HandlerError(
          'invalid_state',
          `The record ${survivorId} it was merged into is gone (deleted or merged again); undo that first. Nothing was changed.`,
          'merge_survivor_gone',
          { survivorId },
        );
      }
      requireMergeAccess([survivor, tombstone], 'undo the merge of');
      const undo = tombstone.mergeUndo;
      const now = deps.now();
      // Fields edited since the merge keep the later edit; the others go back to their value before it.
      const nextSurvivor: Record<string, unknown> = { ...survivor, updatedAt: Math.max(now, survivor.updatedAt) };
      for (const change of undo.fields) {
        if (json(survivor[change.field as keyof Record_]) !== change.after) continue;
        if (change.before === undefined) delete nextSurvivor[change.field];
        else nextSurvivor[change.field] = JSON.parse(change.before) as unknown;
      }
      const restored: Record<string, unknown> = { ...tombstone, updatedAt: Math.max(now, tombstone.updatedAt), _deleted: false };
      delete restored.mergedIntoId;
      delete restored.mergeUndo;
      validateDoc(ENTITY_COLLECTION[entity], nextSurvivor);
      validateDoc(ENTITY_COLLECTION[entity], restored);
      // The loser is live again before its children point back at it, so the follower leaves them be.
      await writePair(
        entity,
        [
          { previous: survivor, document: nextSurvivor as StoredDoc },
          { previous: tombstone, document: restored as StoredDoc },
        ],
        'duplicates-undo',
      );
      const result: Partial<Record<MergeChildCollection, number>> = {};
      for (const link of MERGE_LINKS[entity]) {
        const ids = undo.moved[link.collection] ?? [];
        result[link.collection] = (await repoint(db, link, ids, survivorId, loserId, now, 'duplicates-undo')).length;
      }
      return { survivorId, loserId, restored: result };
    },

    /** The live record a merged id ended in, for the `merged` redirect of accounts.get / contacts.get. */
    survivorOf: (entity: DuplicateEntity, id: string) => survivorOf(db, entity, id),

    /**
     * Re-points children that point at a merged record to its survivor: children written on
     * another device before it learnt of the merge (they arrive later by sync), and a merged
     * record's children still here when its tombstone arrives. Returns the ids moved per collection.
     */
    async follow(entity: DuplicateEntity, mergedIds: ReadonlyArray<string>): Promise<Partial<Record<MergeChildCollection, string[]>>> {
      const out: Partial<Record<MergeChildCollection, string[]>> = {};
      for (const loserId of mergedIds) {
        if (merging.has(loserId)) continue;
        const survivorId = await survivorOf(db, entity, loserId);
        if (!survivorId) continue;
        for (const link of MERGE_LINKS[entity]) {
          const ids = (await linkedIds(db, link, loserId)).filter((id) => id !== survivorId);
          if (ids.length === 0) continue;
          const moved = await repoint(db, link, ids, loserId, survivorId, deps.now(), 'duplicates-follow');
          out[link.collection] = [...(out[link.collection] ?? []), ...moved];
        }
      }
      return out;
    },

    /** Ids among `ids` that are merge tombstones, in one primary-key read. */
    async mergedAmong(entity: DuplicateEntity, ids: ReadonlyArray<string>): Promise<string[]> {
      const stored = await storedRecords(entity, ids);
      return [...stored.values()].filter((doc) => doc._deleted && typeof doc.mergedIntoId === 'string').map((doc) => doc.id);
    },
  };
}

export type DuplicatesService = ReturnType<typeof createDuplicatesService>;
