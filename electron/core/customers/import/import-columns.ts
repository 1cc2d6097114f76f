import {
  IMPORT_FIELDS,
  type ImportDefaults,
  type ImportEntity,
  type ImportField,
} from '../../../../shared/contract/customers/import-requests';

/**
 * Whether a mapping can import anything at all: every column fills a field of the entity, no field
 * twice, and every required field without a default has a column (or, for the region, a default
 * the user chose). The mapping step asks for the same (renderer/src/customers/import/guess-mapping.ts);
 * this is the authority. Returns the problem in words, or null.
 */
export function checkColumns(entity: ImportEntity, columns: ReadonlyArray<ImportField | null>, defaults: ImportDefaults): string | null {
  const allowed = IMPORT_FIELDS[entity] as ReadonlyArray<ImportField>;
  const used = columns.filter((field): field is ImportField => field !== null);
  const foreign = used.find((field) => !allowed.includes(field));
  if (foreign) return `columns: "${foreign}" is not a field of ${entity}`;
  const twice = used.find((field, index) => used.indexOf(field) !== index);
  if (twice) return `columns: "${twice}" is mapped to two columns`;
  if (entity === 'accounts' && !used.includes('name')) return 'columns: map a column to the account name';
  if (entity === 'accounts' && !used.includes('region') && defaults.region === undefined)
    return 'columns: map a column to the region, or choose the region for rows without one';
  if (entity === 'contacts' && !used.includes('lastName')) return 'columns: map a column to the last name';
  if (entity === 'contacts' && !used.includes('accountId') && !used.includes('accountName'))
    return 'columns: map a column to the account (name or id)';
  return null;
}
