import { fillWithDefaultSettings } from 'rxdb/plugins/core';
import type { RxDocumentData, RxJsonSchema } from 'rxdb/plugins/core';
import { describe, expect, it } from 'vitest';
import { crmCollections, type CrmCollectionName } from '../../../../shared/schemas/registry';
import { describeTable } from './sqlite-table';

/** The fields of the index a large write of `name` follows, without RxDB's _deleted prefix and id suffix. */
function localityOf(name: CrmCollectionName): string[] | undefined {
  const schema = fillWithDefaultSettings(crmCollections[name].schema as unknown as RxJsonSchema<RxDocumentData<unknown>>);
  const table = describeTable(name, schema);
  if (table.localityIndex === undefined) return undefined;
  const index = table.indexes[table.localityIndex];
  return index?.fields.filter((field) => field !== '_deleted' && field !== table.primaryPath);
}

describe('describeTable: the locality index of large writes', () => {
  it('follows the field most indexes share, through the index it leads', () => {
    expect(localityOf('accounts')).toEqual(['name']);
    expect(localityOf('contacts')).toEqual(['lastName']);
    expect(localityOf('opportunities')).toEqual(['closeDate']);
    expect(localityOf('leads')).toEqual(['updatedAt']);
    expect(localityOf('catalog')).toEqual(['kind', 'name']);
  });

  it('has none when no index is led by a shared field', () => {
    // respondedAt is in two indexes, but only behind survey and accountId.
    expect(localityOf('surveys')).toBeUndefined();
  });
});
