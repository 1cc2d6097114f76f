import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventMap } from '../../../../shared/contract';
import type { ImportField, ImportSummary } from '../../../../shared/contract/customers/import-requests';
import { createCore, type Core } from '../../core';
import type { Session } from '../../rpc/session';
import type { SqliteInternals } from '../../storage/sqlite/sqlite-types';
import { TEST_DATABASE_KEY } from '../../../../tests/support/test-database-key';

const dataDir = mkdtempSync(join(tmpdir(), 'crm-import-'));
let core: Core;
let session: Session;
const progress: Array<EventMap['import.progress']> = [];

beforeAll(async () => {
  core = await createCore({ dataDir, databaseKey: TEST_DATABASE_KEY, host: 'browser', appVersion: 'test' });
  session = core.openSession((event, payload) => {
    if (event === 'import.progress') progress.push(payload as EventMap['import.progress']);
  });
});

afterAll(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const ACCOUNT_COLUMNS: ReadonlyArray<ImportField | null> = ['name', 'status', 'tier', 'region', 'annualRevenue', 'currency', null];
const accountRow = (i: number): string[] => [`Import Co ${i}`, 'Active', '重点', 'EMEA', '1,250.50', 'EUR', 'ignored'];

async function runImport(
  entity: 'accounts' | 'contacts',
  columns: ReadonlyArray<ImportField | null>,
  rows: string[][],
): Promise<ImportSummary> {
  const begun = await session.call('import.begin', { entity, columns: [...columns], totalRows: rows.length });
  if (!begun.ok) throw new Error(begun.error.message);
  const { importId } = begun.value;
  for (let i = 0; i < rows.length; i += 2000) {
    const sent = await session.call('import.rows', { importId, rows: rows.slice(i, i + 2000) });
    if (!sent.ok) throw new Error(sent.error.message);
  }
  const committed = await session.call('import.commit', { importId });
  if (!committed.ok) throw new Error(`${committed.error.code}: ${committed.error.message}`);
  return committed.value;
}

const countAccounts = (): Promise<number> => core.db.accounts.count().exec();

describe('CSV import handlers', () => {
  it('imports the valid rows in one transaction and reports the invalid ones by row and field', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => accountRow(i));
    rows[9] = ['', 'active', 'key', 'emea', '', 'EUR', '']; // row 11: no name
    rows[499] = ['Formula Inc', '=CMD()', 'key', 'emea', '', 'EUR', '']; // row 501: injection
    rows[997] = ['Bad Region Ltd', 'active', 'key', 'Atlantis', '', 'EUR', '']; // row 999
    const before = await countAccounts();
    const storage = core.db.accounts.storageInstance;
    const bulkWrite = vi.spyOn(storage, 'bulkWrite');
    progress.length = 0;

    const summary = await runImport('accounts', ACCOUNT_COLUMNS, rows);

    expect(bulkWrite).toHaveBeenCalledTimes(1);
    bulkWrite.mockRestore();
    expect(summary.imported).toBe(997);
    expect(summary.rejectedRows).toBe(3);
    expect(summary.issues.map(({ row, field, code }) => [row, field, code])).toEqual([
      [11, 'name', 'required'],
      [501, 'status', 'formula'],
      [999, 'region', 'invalid_choice'],
    ]);
    expect(await countAccounts()).toBe(before + 997);
    const stored = await core.db.accounts.findOne({ selector: { name: 'Import Co 3' } }).exec();
    expect(stored?.toJSON()).toMatchObject({ status: 'active', tier: 'key', region: 'emea', annualRevenue: 125_050, currency: 'EUR' });
    expect(progress.at(-1)).toMatchObject({ phase: 'done', total: 1000 });
    expect(progress.some((event) => event.phase === 'validating' && event.done === 1000)).toBe(true);
  });

  it('writes nothing when the transaction fails midway', async () => {
    const connection = (core.db.accounts.storageInstance.internals as SqliteInternals).connection.db as BetterSqlite3.Database;
    const table = (core.db.accounts.storageInstance.internals as SqliteInternals).tableName;
    connection.exec(
      `CREATE TEMP TRIGGER import_failure BEFORE INSERT ON "${table}" WHEN json_extract(NEW.data, '$.name') = 'Boom 50' BEGIN SELECT RAISE(ABORT, 'injected disk failure'); END`,
    );
    const before = await countAccounts();
    try {
      const rows = Array.from({ length: 100 }, (_, i) => [`Boom ${i}`, 'active', 'key', 'emea', '', 'EUR', '']);
      const begun = await session.call('import.begin', { entity: 'accounts', columns: [...ACCOUNT_COLUMNS], totalRows: rows.length });
      if (!begun.ok) throw new Error(begun.error.message);
      await session.call('import.rows', { importId: begun.value.importId, rows });
      const committed = await session.call('import.commit', { importId: begun.value.importId });
      expect(committed.ok).toBe(false);
      if (committed.ok) return;
      expect(committed.error.message).toMatch(/nothing was written.*injected disk failure/);
    } finally {
      connection.exec('DROP TRIGGER temp.import_failure');
    }
    expect(await countAccounts()).toBe(before);
    expect(await core.db.accounts.findOne({ selector: { name: 'Boom 0' } }).exec()).toBeNull();
  });

  it('refuses hostile cells and leaves the database unchanged', async () => {
    const before = await countAccounts();
    const rows = [
      ['@SUM(A1:A9)', 'active', 'key', 'emea', '', 'EUR', ''],
      ['Long', 'active', 'key', 'emea', '', 'EUR', ''],
      ['Plus', '+cmd|"/C calc"!A0', 'key', 'emea', '', 'EUR', ''],
      ['Money', 'active', 'key', 'emea', 'lots', 'EUR', ''],
    ];
    rows[1]![0] = 'x'.repeat(20_001);
    const summary = await runImport('accounts', ACCOUNT_COLUMNS, rows);
    expect(summary.imported).toBe(0);
    expect(summary.issues.map(({ row, code }) => [row, code])).toEqual([
      [2, 'formula'],
      [3, 'too_long'],
      [4, 'formula'],
      [5, 'invalid_number'],
    ]);
    expect(await countAccounts()).toBe(before);
  });

  it('rejects malformed payloads before anything is staged', async () => {
    const bad: Array<[Parameters<Session['request']>[0], unknown]> = [
      ['import.begin', { entity: 'accounts', columns: ['name', 'password'], totalRows: 1 }],
      ['import.begin', { entity: 'accounts', columns: ['name', 'name'], totalRows: 1 }],
      ['import.begin', { entity: 'accounts', columns: ['status'], totalRows: 1 }],
      ['import.begin', { entity: 'contacts', columns: ['lastName'], totalRows: 1 }],
      ['import.begin', { entity: 'accounts', columns: ['accountName', 'name'], totalRows: 1 }],
      ['import.begin', { entity: 'accounts', columns: ['name', 'region'], totalRows: 10_000_000 }],
      // No region column and no region chosen: every row would fail.
      ['import.begin', { entity: 'accounts', columns: ['name'], totalRows: 1 }],
      ['import.begin', { entity: 'accounts', columns: ['name'], defaults: { region: 'mars' }, totalRows: 1 }],
      ['import.begin', { entity: 'accounts', columns: ['name'], defaults: { region: 'emea', currency: 'XXX' }, totalRows: 1 }],
      ['import.preview', { entity: 'accounts', columns: ['name'], rows: [['Acme']] }],
      ['import.rows', { importId: 'x', rows: [[1, 2]] }],
      ['import.rows', { importId: 'x', rows: [['x'.repeat(30_000)]] }],
      ['import.preview', { entity: 'leads', columns: ['name'], rows: [] }],
    ];
    for (const [name, params] of bad) {
      const result = await session.request(name, params);
      expect(result.ok, `${name} ${JSON.stringify(params).slice(0, 80)}`).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_request');
    }
    const begun = await session.call('import.begin', { entity: 'accounts', columns: ['name', 'region'], totalRows: 1 });
    if (!begun.ok) throw new Error(begun.error.message);
    const early = await session.call('import.commit', { importId: begun.value.importId });
    expect(early.ok ? 'ok' : early.error.code).toBe('invalid_state');
    const tooMany = await session.call('import.rows', { importId: begun.value.importId, rows: [['a'], ['b']] });
    expect(tooMany.ok ? 'ok' : tooMany.error.code).toBe('invalid_request');
    const gone = await session.call('import.commit', { importId: begun.value.importId });
    expect(gone.ok ? 'ok' : gone.error.code).toBe('not_found');
  });

  it('links contacts to accounts by name or id and reports unknown and ambiguous accounts', async () => {
    const target = await core.db.accounts.findOne({ selector: { name: 'Import Co 1' } }).exec();
    await runImport('accounts', ACCOUNT_COLUMNS, [accountRow(1)]); // a second "Import Co 1"
    const summary = await runImport(
      'contacts',
      ['lastName', 'firstName', 'accountName', 'isPrimary'],
      [
        ['王', '芳', 'Import Co 2', '是'],
        ['Smith', 'Ann', 'Nobody GmbH', 'no'],
        ['Li', 'Lei', 'Import Co 1', ''],
      ],
    );
    expect(summary.imported).toBe(1);
    expect(summary.issues.map(({ row, field, code }) => [row, field, code])).toEqual([
      [3, 'accountName', 'unknown_account'],
      [4, 'accountName', 'ambiguous_account'],
    ]);
    const byId = await runImport(
      'contacts',
      ['lastName', 'accountId'],
      [
        ['Byid', target!.id],
        ['Missing', 'no-such-id'],
      ],
    );
    expect(byId.imported).toBe(1);
    expect(byId.issues).toEqual([expect.objectContaining({ row: 3, field: 'accountId', code: 'unknown_account' })]);
    const wang = await core.db.contacts.findOne({ selector: { lastName: '王' } }).exec();
    expect(wang?.toJSON()).toMatchObject({ firstName: '芳', isPrimary: true, doNotContact: false });
  });

  it('gives rows without a region the region the user chose, and the other defaults they saw', async () => {
    const begun = await session.call('import.begin', {
      entity: 'accounts',
      columns: ['name', 'currency'],
      defaults: { region: 'greater_china', tier: 'small', currency: 'CNY' },
      totalRows: 2,
    });
    if (!begun.ok) throw new Error(begun.error.message);
    await session.call('import.rows', {
      importId: begun.value.importId,
      rows: [
        ['No Region Co', ''],
        ['No Region Euro Co', 'EUR'],
      ],
    });
    const committed = await session.call('import.commit', { importId: begun.value.importId });
    expect(committed.ok && committed.value).toMatchObject({ imported: 2, rejectedRows: 0 });
    const [plain, euro] = await Promise.all(
      ['No Region Co', 'No Region Euro Co'].map((name) => core.db.accounts.findOne({ selector: { name } }).exec()),
    );
    expect(plain?.toJSON()).toMatchObject({ region: 'greater_china', tier: 'small', status: 'prospect', currency: 'CNY' });
    expect(euro?.toJSON()).toMatchObject({ region: 'greater_china', currency: 'EUR' });
  });

  it('flags bad e-mails and unknown currencies by row and column, in the preview and in the import', async () => {
    const columns: ImportField[] = ['name', 'region', 'email', 'currency'];
    const rows = [
      ['Good Mail Co', 'emea', 'info@good.example', 'EUR'],
      ['Bad Mail Co', 'emea', 'not-an-email', 'EUR'],
      ['Bad Money Co', 'emea', 'info@money.example', 'XXX'],
    ];
    const preview = await session.call('import.preview', { entity: 'accounts', columns, rows });
    const found = preview.ok ? preview.value.issues.map(({ row, field, code }) => [row, field, code]) : preview.error;
    expect(found).toEqual([
      [3, 'email', 'invalid_email'],
      [4, 'currency', 'invalid_currency'],
    ]);
    const summary = await runImport('accounts', columns, rows);
    expect(summary).toMatchObject({ imported: 1, rejectedRows: 2 });
    expect(summary.issues.map(({ row, field, code }) => [row, field, code])).toEqual(found);
    expect(await core.db.accounts.findOne({ selector: { name: 'Bad Mail Co' } }).exec()).toBeNull();
  });

  it('previews the same issues without writing', async () => {
    const before = await countAccounts();
    const result = await session.call('import.preview', {
      entity: 'accounts',
      columns: [...ACCOUNT_COLUMNS],
      rows: [accountRow(5000), ['', '', '', '', '', '', '']],
    });
    expect(result.ok && result.value.issues).toEqual([]);
    const withError = await session.call('import.preview', {
      entity: 'accounts',
      columns: [...ACCOUNT_COLUMNS],
      rows: [['X', 'active', 'huge', 'emea', '', 'EUR', '']],
    });
    expect(withError.ok && withError.value.issues.map((issue) => [issue.row, issue.field])).toEqual([[2, 'tier']]);
    expect(await countAccounts()).toBe(before);
  });
});
