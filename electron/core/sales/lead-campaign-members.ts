import type { RxCollection, RxDocumentData } from 'rxdb';
import type { CampaignMember } from '../../../shared/schemas';
import type { StoreDeps } from '../customers/record-store';
import { documentChecks } from '../db/validated-documents';
import { HandlerError } from '../rpc/handler-error';
import { tableNameFor } from '../storage/sqlite/sqlite-table';
import type { RxStorageSqlite } from '../storage/sqlite/sqlite-types';

type StoredMember = RxDocumentData<CampaignMember>;

/** One membership's write: the stored document as read (the write fails if it changed since) and its next state. */
export type MembershipWrite = { readonly previous: StoredMember; readonly document: StoredMember };

/** Rounds of re-reading memberships a sync pull changed between the read and the write. */
const WRITE_ATTEMPTS = 3;

/**
 * A converted lead's campaign memberships. Conversion is the last stage of every campaign funnel the
 * lead is in, and a response too: a membership that never recorded one gets the conversion time as
 * `respondedAt` (attribution places responses in time by it); one that did keeps it. Memberships
 * already `converted` are left as they are.
 */
export function createLeadMemberships(deps: StoreDeps) {
  const collection = deps.db.marketing as unknown as RxCollection<CampaignMember>;
  const { validate } = documentChecks<CampaignMember>('marketing', collection, 'campaign member');

  // No index has `leadId`. On SQLite one statement finds the candidates: a substring test on the stored
  // JSON rules out nearly every row without parsing it, and json_extract confirms the rest; `plan`
  // checks each candidate's stored document again.
  const storage = deps.db.storage as Partial<RxStorageSqlite>;
  let prepared: { connection: object; statement: { all(...params: unknown[]): unknown[] } } | undefined;
  const candidateIds = async (leadId: string): Promise<string[]> => {
    const connection = storage.getConnection?.(deps.db.name);
    if (!connection) {
      const docs = await collection.find({ selector: { kind: 'campaign_member', leadId } }).exec();
      return docs.map((doc) => doc.primary);
    }
    if (prepared?.connection !== connection) {
      const table = tableNameFor(collection.name, collection.schema.version);
      prepared = {
        connection,
        statement: connection.prepare(
          `SELECT id FROM ${table} WHERE deleted = 0 AND instr(data, ?) > 0` +
            ` AND json_extract(data, '$.kind') = 'campaign_member' AND json_extract(data, '$.leadId') = ?`,
        ),
      };
    }
    // RxDB stores documents as JSON.stringify writes them: no spaces, strings escaped the same way.
    const needle = `"leadId":${JSON.stringify(leadId)}`;
    return (prepared.statement.all(needle, leadId) as Array<{ id: string }>).map((row) => row.id);
  };

  const readStored = async (ids: ReadonlyArray<string>): Promise<StoredMember[]> =>
    ids.length === 0 ? [] : ((await collection.storageInstance.findDocumentsById([...ids], false)) as StoredMember[]);

  const plan = (stored: ReadonlyArray<StoredMember>, leadId: string, at: number): MembershipWrite[] => {
    const rows: MembershipWrite[] = [];
    for (const previous of stored) {
      if (previous._deleted || previous.kind !== 'campaign_member' || previous.leadId !== leadId) continue;
      if (previous.status === 'converted') continue;
      const document: StoredMember = {
        ...previous,
        status: 'converted',
        respondedAt: previous.respondedAt ?? at,
        updatedAt: Math.max(at, previous.updatedAt),
      };
      const { _rev, _meta, _deleted, _attachments, ...fields } = document;
      validate(fields);
      rows.push({ previous, document });
    }
    return rows;
  };

  /** One storage write: writes the rows that did not change since read, answers the ids of those that did. */
  const bulkWrite = async (rows: ReadonlyArray<MembershipWrite>): Promise<{ conflicted: Set<string>; failure?: string }> => {
    const result = await collection.storageInstance.bulkWrite(
      rows.map((row) => ({ previous: row.previous, document: row.document })),
      'leads.convert campaign members',
    );
    const conflicted = new Set(result.error.map((error) => error.documentId));
    const other = result.error.find((error) => error.status !== 409);
    return other
      ? { conflicted, failure: `campaign member ${other.documentId} could not be written (status ${other.status})` }
      : { conflicted };
  };

  /** Puts written memberships back to their status and response time before the conversion. */
  const revert = async (rows: ReadonlyArray<MembershipWrite>): Promise<void> => {
    const current = new Map((await readStored(rows.map((row) => row.document.id))).map((doc) => [doc.id, doc]));
    const back: MembershipWrite[] = [];
    for (const row of rows) {
      const now = current.get(row.document.id);
      if (!now || now._deleted) continue;
      const document: StoredMember = { ...now, status: row.previous.status, updatedAt: Math.max(deps.now(), now.updatedAt) };
      if (row.previous.respondedAt === undefined) delete document.respondedAt;
      else document.respondedAt = row.previous.respondedAt;
      back.push({ previous: now, document });
    }
    if (back.length > 0) await collection.storageInstance.bulkWrite([...back], 'leads.convert undone');
  };

  return {
    /** The lead's memberships that move to `converted` at `at`, built and validated; nothing is written. */
    async plan(leadId: string, at: number): Promise<MembershipWrite[]> {
      return plan(await readStored(await candidateIds(leadId)), leadId, at);
    },

    /**
     * Writes the planned memberships in one storage write (one SQLite transaction). Memberships a sync
     * pull changed meanwhile are read again and planned anew; when some still cannot be written, the
     * ones written are put back as they were and the error is thrown, so all move or none does.
     */
    async write(rows: ReadonlyArray<MembershipWrite>, leadId: string, at: number): Promise<string[]> {
      const written: MembershipWrite[] = [];
      let pending = [...rows];
      try {
        for (let attempt = 0; attempt < WRITE_ATTEMPTS && pending.length > 0; attempt++) {
          if (attempt > 0) pending = plan(await readStored(pending.map((row) => row.document.id)), leadId, at);
          if (pending.length === 0) break;
          const { conflicted, failure } = await bulkWrite(pending);
          written.push(...pending.filter((row) => !conflicted.has(row.document.id)));
          if (failure) throw new HandlerError('internal', failure);
          pending = pending.filter((row) => conflicted.has(row.document.id));
        }
        if (pending.length > 0)
          throw new HandlerError('conflict', `${pending.length} campaign membership(s) kept changing during the conversion`);
      } catch (error) {
        await revert(written);
        throw error;
      }
      return written.map((row) => row.document.id);
    },
  };
}
