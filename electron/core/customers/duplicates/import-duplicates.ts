import {
  MAX_DUPLICATE_CANDIDATES,
  type DuplicateCandidateRow,
  type DuplicateEntity,
} from '../../../../shared/contract/customers/duplicates-requests';
import type { ImportEntity, ImportRowDuplicates } from '../../../../shared/contract/customers/import-requests';
import { DuplicateIndex, type DedupRecord } from '../../../../shared/dedup/duplicate-index';
import type { Account, Contact } from '../../../../shared/schemas';
import { toDedupRecord } from './duplicate-source';

/** What the import preview needs from the duplicates service. */
export type ExistingDuplicates = {
  candidatesForMany(
    entity: DuplicateEntity,
    records: ReadonlyArray<DedupRecord>,
    limit: number,
  ): Promise<Map<string, DuplicateCandidateRow[]>>;
};

const ENTITY_OF: Readonly<Record<ImportEntity, DuplicateEntity>> = { accounts: 'account', contacts: 'contact' };

/**
 * For an import preview: each valid row's likely duplicates among the stored records (the core's
 * index) and among the file's other rows (an index of just these rows, so two rows for one
 * company are caught before either is stored). Rows without any are left out.
 */
export async function importRowDuplicates(
  existing: ExistingDuplicates,
  entity: ImportEntity,
  rows: ReadonlyArray<{ readonly row: number; readonly doc: Account | Contact }>,
): Promise<ImportRowDuplicates[]> {
  if (rows.length === 0) return [];
  const dedupEntity = ENTITY_OF[entity];
  const key = (row: number): string => `row:${row}`;
  const records = rows.map(({ row, doc }) => ({ ...toDedupRecord(dedupEntity, doc), id: key(row) }));
  const stored = await existing.candidatesForMany(dedupEntity, records, MAX_DUPLICATE_CANDIDATES);

  const fileIndex = new DuplicateIndex(dedupEntity);
  for (const record of records) fileIndex.upsert(record);
  const out: ImportRowDuplicates[] = [];
  for (const [position, { row }] of rows.entries()) {
    const record = records[position] as DedupRecord;
    const others = fileIndex.candidatesFor(record, { limit: MAX_DUPLICATE_CANDIDATES }).map((candidate) => ({
      row: Number(candidate.id.slice('row:'.length)),
      score: candidate.score,
      reasons: [...candidate.reasons],
    }));
    const found = stored.get(record.id) ?? [];
    if (found.length > 0 || others.length > 0) out.push({ row, existing: found, rows: others });
  }
  return out;
}
