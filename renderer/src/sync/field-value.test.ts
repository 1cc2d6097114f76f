import { describe, expect, it } from 'vitest';
import { createFormatters } from '../i18n/formatters';
import { fieldLabel, formatFieldValue } from './field-value';

const words = { notSet: '(empty)', yes: 'Yes', no: 'No' };
const format = createFormatters('en-US');

describe('conflict field values', () => {
  it('reads like the record, not like JSON', () => {
    expect(formatFieldValue('city', null, format, words)).toBe('(empty)');
    expect(formatFieldValue('employees', 1200, format, words)).toBe('1,200');
    expect(formatFieldValue('tags', ['vip', 'north'], format, words)).toBe('vip, north');
    expect(formatFieldValue('closed', true, format, words)).toBe('Yes');
    expect(formatFieldValue('updatedAt', Date.UTC(2025, 0, 2, 10), format, words)).toMatch(/Jan 2, 2025/);
  });
  it('turns schema keys into labels', () => {
    expect(fieldLabel('annualRevenue')).toBe('Annual revenue');
    expect(fieldLabel('postal_code')).toBe('Postal code');
  });
});
