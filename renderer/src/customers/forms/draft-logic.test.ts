import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDebouncedSaver, draftDiffers, draftKey, sanitizeDraft } from './draft-logic';
import { accountChanges, accountToForm, formToValues, accountFormSchema, NEW_ACCOUNT } from './account-form-schema';
import type { AccountRecord } from '../../../../shared/contract';

describe('draft keys', () => {
  it('names what the form edits, so reopening the same record finds its draft', () => {
    expect(draftKey('accounts', null)).toBe('accounts:new');
    expect(draftKey('accounts', 'a1')).toBe('accounts:a1');
    expect(draftKey('contacts', null, 'a1')).toBe('contacts:new:a1');
    expect(draftKey('contacts', 'c9', 'a1')).toBe('contacts:c9');
  });
});

describe('restoring a draft', () => {
  const template = { name: '', city: '', isPrimary: false };

  it('keeps only the form’s fields with the right kind of value', () => {
    expect(sanitizeDraft({ name: 'Acme', city: 7, isPrimary: true, password: 'x', tags: ['a'] }, template)).toEqual({
      name: 'Acme',
      isPrimary: true,
    });
  });

  it('offers a draft only when it would change what the form shows', () => {
    expect(draftDiffers({ name: 'Acme' }, { ...template, name: 'Acme' })).toBe(false);
    expect(draftDiffers({ name: 'Acme GmbH' }, { ...template, name: 'Acme' })).toBe(true);
    expect(draftDiffers({}, template)).toBe(false);
  });
});

describe('debounced draft saving', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes once per pause in typing, with the latest values', async () => {
    const writes: string[] = [];
    const saver = createDebouncedSaver<string>(async (value) => void writes.push(value), 500);
    saver.schedule('A');
    await vi.advanceTimersByTimeAsync(300);
    saver.schedule('Ac');
    saver.schedule('Acme');
    await vi.advanceTimersByTimeAsync(499);
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes).toEqual(['Acme']);
    expect(saver.pending).toBe(false);
  });

  it('flushes a pending value at once (leaving the form) and forgets it after a save', async () => {
    const writes: string[] = [];
    const saver = createDebouncedSaver<string>(async (value) => void writes.push(value), 500);
    saver.schedule('typed just before leaving');
    await saver.flush();
    expect(writes).toEqual(['typed just before leaving']);

    saver.schedule('saved, so no draft');
    saver.cancel();
    await vi.advanceTimersByTimeAsync(1_000);
    await saver.flush();
    expect(writes).toHaveLength(1);
  });

  it('reports a failed write instead of throwing, and the next keystroke tries again', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const writes: string[] = [];
    const saver = createDebouncedSaver<string>(
      async (value) => {
        if (fail) throw new Error('IndexedDB is gone');
        writes.push(value);
      },
      100,
      (error) => errors.push(error),
    );
    saver.schedule('one');
    await vi.advanceTimersByTimeAsync(100);
    expect(errors).toHaveLength(1);
    fail = false;
    saver.schedule('two');
    await vi.advanceTimersByTimeAsync(100);
    expect(writes).toEqual(['two']);
  });
});

describe('account form values', () => {
  const stored: AccountRecord = {
    id: 'a1',
    ownerId: 'u',
    teamId: 't',
    createdAt: 1,
    updatedAt: 1,
    revision: '1-x',
    name: 'Acme',
    status: 'active',
    tier: 'key',
    region: 'emea',
    currency: 'EUR',
    city: 'Berlin',
    annualRevenue: 1_250_050,
    tags: ['x'],
  };

  it('round-trips a record through the inputs, revenue in major units', () => {
    const input = accountToForm(stored);
    expect(input).toMatchObject({ name: 'Acme', city: 'Berlin', annualRevenue: '12500.5', phone: '' });
    const parsed = accountFormSchema.parse(input);
    expect(formToValues(parsed)).toMatchObject({ name: 'Acme', city: 'Berlin', annualRevenue: 1_250_050 });
    expect(accountChanges(stored, formToValues(parsed))).toEqual({ patch: {}, unset: [] });
  });

  it('sends only what changed, clears emptied optional fields, and never touches fields the form does not show', () => {
    const parsed = accountFormSchema.parse({ ...accountToForm(stored), city: '  ', name: ' Acme AG ', annualRevenue: '1,000' });
    expect(accountChanges(stored, formToValues(parsed))).toEqual({ patch: { name: 'Acme AG', annualRevenue: 100_000 }, unset: ['city'] });
  });

  it('rejects what the shared schema rejects', () => {
    const result = accountFormSchema.safeParse({ ...NEW_ACCOUNT, name: '', email: 'nope', currency: 'euro', employees: '2.5' });
    expect(result.success).toBe(false);
    const fields = [...new Set((result.error?.issues ?? []).map((issue) => issue.path.join('.')))].sort();
    expect(fields).toEqual(['currency', 'email', 'employees', 'name']);
  });
});
