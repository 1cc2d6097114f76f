import { describe, expect, it } from 'vitest';
import type { ImportField } from '../../../../shared/contract/customers/import-requests';
import { looksLikeFormula, parseDate, parseMoney, parseNumber, parseRegion, parseStatus } from './import-cells';
import { buildRow, type RowContext } from './import-rows';

const context = (columns: ReadonlyArray<ImportField | null>, entity: 'accounts' | 'contacts' = 'accounts'): RowContext => ({
  entity,
  columns,
  now: Date.UTC(2025, 0, 1),
  defaultOwner: { id: 'me', teamId: 'team-1' },
  owners: new Map([['ann@example.com', { id: 'u-ann', teamId: 'team-2' }]]),
  accountsByName: new Map([
    ['Acme', ['a-1']],
    ['Twin', ['a-2', 'a-3']],
  ]),
  accountIds: new Set(['a-1']),
  newId: () => 'new-id',
});

describe('import cells', () => {
  it('tells formulas from phone numbers and negative numbers', () => {
    for (const text of ['=1+1', '@SUM(A1)', '+cmd|"/C calc"!A0', '-2+3*cmd', '\t=x']) expect(looksLikeFormula(text), text).toBe(true);
    for (const text of ['+86 138 0000 0000', '-12.5', '+1 (555) 010-2000', 'Acme = best']) expect(looksLikeFormula(text), text).toBe(false);
  });

  it('reads the labels and numbers people paste', () => {
    expect(parseStatus('活跃')).toEqual({ ok: true, value: 'active' });
    expect(parseRegion('Greater China')).toEqual({ ok: true, value: 'greater_china' });
    expect(parseRegion('Atlantis').ok).toBe(false);
    expect(parseNumber('1,234.5')).toEqual({ ok: true, value: 1234.5 });
    expect(parseNumber('¥3万')).toEqual({ ok: true, value: 30_000 });
    expect(parseMoney('1,000.505', 'JPY')).toEqual({ ok: true, value: 1001 });
    expect(parseMoney('12.34', 'USD')).toEqual({ ok: true, value: 1234 });
    expect(parseDate('2025/3/31')).toEqual({ ok: true, value: Date.UTC(2025, 2, 31) });
    expect(parseDate('31/03/2025').ok).toBe(false);
  });
});

describe('buildRow', () => {
  it('builds a valid account with defaults, the owner looked up by e-mail', () => {
    const result = buildRow(['Acme GmbH', 'emea', 'ann@example.com', '5 000'], 2, context(['name', 'region', 'owner', 'employees']));
    expect(result).toEqual({
      ok: true,
      doc: expect.objectContaining({
        id: 'new-id',
        name: 'Acme GmbH',
        region: 'emea',
        status: 'prospect',
        tier: 'standard',
        currency: 'USD',
        ownerId: 'u-ann',
        teamId: 'team-2',
        employees: 5000,
      }),
    });
  });

  it('reports every bad field of a row with the schema having the last word', () => {
    const result = buildRow(
      ['Acme', 'Mars', 'nobody@x', 'not-an-email', 'x'.repeat(201)],
      7,
      context(['city', 'region', 'owner', 'email', 'name']),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map(({ row, field, code }) => [row, field, code])).toEqual([
      [7, 'owner', 'unknown_owner'],
      [7, 'region', 'invalid_choice'],
    ]);
    const schema = buildRow(['x'.repeat(201), 'emea', 'not-an-email'], 8, context(['name', 'region', 'email']));
    expect(!schema.ok && schema.issues.map(({ field, code }) => [field, code])).toEqual([
      ['name', 'too_long'],
      ['email', 'invalid'],
    ]);
  });

  it('links contacts by account name, refusing unknown and ambiguous names', () => {
    const columns: ImportField[] = ['lastName', 'accountName'];
    expect(buildRow(['王', 'Acme'], 2, context(columns, 'contacts'))).toMatchObject({
      ok: true,
      doc: { accountId: 'a-1', isPrimary: false },
    });
    expect(buildRow(['王', 'Twin'], 3, context(columns, 'contacts'))).toMatchObject({ ok: false, issues: [{ code: 'ambiguous_account' }] });
    expect(buildRow(['王', 'Nope'], 4, context(columns, 'contacts'))).toMatchObject({ ok: false, issues: [{ code: 'unknown_account' }] });
  });
});
