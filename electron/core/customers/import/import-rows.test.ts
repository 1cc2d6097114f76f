import { describe, expect, it } from 'vitest';
import type { ImportDefaults, ImportField } from '../../../../shared/contract/customers/import-requests';
import { looksLikeFormula, parseCurrency, parseDate, parseEmail, parseMoney, parseNumber, parseRegion, parseStatus } from './import-cells';
import { buildRow, type RowContext } from './import-rows';

const context = (
  columns: ReadonlyArray<ImportField | null>,
  entity: 'accounts' | 'contacts' = 'accounts',
  defaults: ImportDefaults = {},
): RowContext => ({
  entity,
  columns,
  defaults,
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

  it('takes one e-mail address per cell and nothing else', () => {
    for (const text of ['ann@example.com', ' li.wei+crm@example.com.cn ', '王芳@例子.中国']) expect(parseEmail(text).ok, text).toBe(true);
    for (const text of [
      'not-an-email',
      'a@b',
      'ann@example',
      'n/a',
      'ann@example.com; bob@example.com',
      'ann @example.com',
      '@example.com',
    ])
      expect(parseEmail(text), text).toMatchObject({ ok: false, code: 'invalid_email' });
  });

  it('takes ISO 4217 codes of currencies in use, nothing made up', () => {
    expect(parseCurrency('eur')).toEqual({ ok: true, value: 'EUR' });
    expect(parseCurrency('RMB')).toEqual({ ok: true, value: 'CNY' });
    for (const text of ['XXX', 'ABC', 'XAU', 'US$', 'euro'])
      expect(parseCurrency(text), text).toMatchObject({ ok: false, code: 'invalid_currency' });
  });

  it('knows only currencies this runtime can format', () => {
    const supported = new Set(Intl.supportedValuesOf('currency'));
    for (const code of ['USD', 'CNY', 'EUR', 'JPY', 'XOF']) expect(supported.has(code)).toBe(true);
    expect(supported.has('XXX')).toBe(false);
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
      [7, 'region', 'invalid_choice'],
      [7, 'owner', 'unknown_owner'],
      [7, 'email', 'invalid_email'],
    ]);
    const schema = buildRow(['x'.repeat(201), 'emea', 'ann@example.com'], 8, context(['name', 'region', 'email']));
    expect(!schema.ok && schema.issues.map(({ field, code }) => [field, code])).toEqual([['name', 'too_long']]);
  });

  it('flags a bad e-mail and an unknown currency by row and column', () => {
    const columns: ImportField[] = ['name', 'region', 'email', 'currency', 'annualRevenue'];
    const result = buildRow(['Acme', 'emea', 'not-an-email', 'XXX', '1000'], 12, context(columns));
    expect(!result.ok && result.issues.map(({ row, field, code }) => [row, field, code])).toEqual([
      [12, 'email', 'invalid_email'],
      [12, 'currency', 'invalid_currency'],
    ]);
    const contact = buildRow(['王', 'Acme', 'not-an-email'], 13, context(['lastName', 'accountName', 'email'], 'contacts'));
    expect(!contact.ok && contact.issues.map(({ row, field, code }) => [row, field, code])).toEqual([[13, 'email', 'invalid_email']]);
  });

  it('fills fields the file lacks from the defaults the user saw, the file winning where it has a value', () => {
    const defaults: ImportDefaults = { region: 'apac', status: 'active', tier: 'key', currency: 'JPY' };
    expect(buildRow(['Acme', '12000'], 2, context(['name', 'annualRevenue'], 'accounts', defaults))).toMatchObject({
      ok: true,
      doc: { region: 'apac', status: 'active', tier: 'key', currency: 'JPY', annualRevenue: 12000 },
    });
    expect(buildRow(['Acme', 'EMEA', ''], 3, context(['name', 'region', 'status'], 'accounts', defaults))).toMatchObject({
      ok: true,
      doc: { region: 'emea', status: 'active' },
    });
    // No region column and no default: every row would fail, so the mapping step and begin refuse this.
    expect(buildRow(['Acme'], 4, context(['name']))).toMatchObject({ ok: false, issues: [{ field: 'region', code: 'required' }] });
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
