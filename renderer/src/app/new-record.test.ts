import { describe, expect, it } from 'vitest';
import { NEW_ACCOUNT, NEW_LEAD, newRecordTarget } from './new-record';

describe('newRecordTarget', () => {
  it('opens the create form of the area the user is in', () => {
    expect(newRecordTarget('/customers/accounts')).toBe(NEW_ACCOUNT);
    expect(newRecordTarget('/customers/contacts')).toBe(NEW_ACCOUNT);
    expect(newRecordTarget('/customers/accounts/a1')).toBe(NEW_ACCOUNT);
    expect(newRecordTarget('/sales/pipeline')).toBe(NEW_LEAD);
    expect(newRecordTarget('/sales/dashboard')).toBe(NEW_LEAD);
    expect(newRecordTarget('/sales/leads')).toBe(NEW_LEAD);
  });

  it('opens a new account where an area has no records of its own', () => {
    for (const path of ['/reports', '/marketing', '/service', '/sync', '/settings', '/']) expect(newRecordTarget(path)).toBe(NEW_ACCOUNT);
    expect(newRecordTarget('/salesforce')).toBe(NEW_ACCOUNT);
  });
});
