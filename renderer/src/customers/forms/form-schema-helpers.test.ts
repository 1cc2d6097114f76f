import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/ns/customers-record.en.json';
import zhCN from '../../i18n/ns/customers-record.zh-CN.json';
import { accountFormSchema, ACCOUNT_MAX_LENGTHS, NEW_ACCOUNT } from './account-form-schema';
import { errorText, type FieldKind } from './form-schema-helpers';

async function translator(lng: 'en' | 'zh-CN'): Promise<TFunction<'customers-record'>> {
  const instance = i18next.createInstance();
  await instance.init({
    lng,
    resources: { en: { 'customers-record': en }, 'zh-CN': { 'customers-record': zhCN } },
    interpolation: { escapeValue: false },
  });
  return instance.getFixedT(lng, 'customers-record') as TFunction<'customers-record'>;
}

/** The first issue per field, as react-hook-form's zod resolver reports it (code in `type`). */
function firstErrors(input: Record<string, string>): Record<string, { type: string; message: string }> {
  const result = accountFormSchema.safeParse(input);
  const errors: Record<string, { type: string; message: string }> = {};
  for (const issue of result.error?.issues ?? []) {
    const field = issue.path.join('.');
    errors[field] ??= { type: issue.code, message: issue.message };
  }
  return errors;
}

const KINDS: Record<string, FieldKind> = {
  name: 'text',
  email: 'email',
  currency: 'currency',
  employees: 'integer',
  annualRevenue: 'number',
  city: 'text',
};

describe('validation messages', () => {
  const bad = { ...NEW_ACCOUNT, name: '  ', email: 'nope', currency: 'euro', employees: '2.5', annualRevenue: '-3', city: 'x'.repeat(81) };

  it('say what to fix in English', async () => {
    const t = await translator('en');
    const errors = firstErrors(bad);
    const text = Object.fromEntries(
      Object.entries(errors).map(([field, error]) => [
        field,
        errorText(t, error, KINDS[field] ?? 'text', ACCOUNT_MAX_LENGTHS[field as 'city']),
      ]),
    );
    expect(text).toEqual({
      name: 'This field is required.',
      email: 'Enter an e-mail address like name@example.com.',
      currency: 'Use a three-letter code such as EUR, USD or CNY.',
      employees: 'Enter a whole number.',
      annualRevenue: 'Must not be negative.',
      city: 'Too long: at most 80 characters.',
    });
  });

  it('and in Simplified Chinese', async () => {
    const t = await translator('zh-CN');
    const errors = firstErrors(bad);
    expect(errorText(t, errors['name'], 'text')).toBe('此项为必填项。');
    expect(errorText(t, errors['city'], 'text', 80)).toBe('太长：最多 80 个字符。');
    expect(errorText(t, errors['employees'], 'integer')).toBe('请输入整数。');
  });
});
