import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFormatters } from '../../i18n/formatters';
import { namespaces, resourcesFor } from '../../i18n/namespaces';
import { errorText, mergePath, reasonsText } from './duplicate-text';
import { defaultPick, mergeValueText } from './merge-values';
import { toProbe } from './use-duplicate-check';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    lng: 'en',
    fallbackLng: 'en',
    resources: { en: resourcesFor('en'), 'zh-CN': resourcesFor('zh-CN') },
    ns: Object.keys(namespaces),
    defaultNS: 'translation',
    interpolation: { escapeValue: false },
  });
});

function words(language: 'en' | 'zh-CN') {
  return {
    t: i18n.getFixedT(language, 'duplicates') as TFunction<'duplicates'>,
    tr: i18n.getFixedT(language, 'customers-record') as TFunction<'customers-record'>,
    format: createFormatters(language),
  };
}

describe('merge values as a rep reads them', () => {
  it('translates enums, shows money in the side currency, names references and says "(empty)"', () => {
    const en = words('en');
    const zh = words('zh-CN');
    expect(mergeValueText('account', 'status', 'active', undefined, 'EUR', en)).toBe('Active');
    expect(mergeValueText('account', 'status', 'active', undefined, 'EUR', zh)).toBe('活跃');
    expect(mergeValueText('account', 'annualRevenue', 1_250_000, undefined, 'USD', en)).toBe('$12,500.00');
    expect(mergeValueText('account', 'ownerId', 'user-7', 'Anna Berg', undefined, en)).toBe('Anna Berg');
    expect(mergeValueText('contact', 'doNotContact', true, undefined, undefined, zh)).toBe('是');
    expect(mergeValueText('account', 'tags', ['a', 'b'], undefined, undefined, en)).toBe('a, b');
    expect(mergeValueText('account', 'phone', undefined, undefined, undefined, en)).toBe('(empty)');
    expect(mergeValueText('account', 'tags', [], undefined, undefined, zh)).toBe('（空）');
  });

  it("keeps the survivor's value unless it has none and the other record has one", () => {
    expect(defaultPick({ field: 'phone', survivor: '1', loser: '2', differs: true })).toBe('survivor');
    expect(defaultPick({ field: 'phone', loser: '2', differs: true })).toBe('loser');
    expect(defaultPick({ field: 'tags', survivor: [], loser: ['x'], differs: true })).toBe('loser');
    expect(defaultPick({ field: 'phone', survivor: '', differs: false })).toBe('survivor');
  });
});

describe('duplicate texts', () => {
  it('joins the reasons in each language', () => {
    expect(reasonsText(words('en').t, ['same_email', 'similar_name'])).toBe('same e-mail, similar name');
    expect(reasonsText(words('zh-CN').t, ['same_email', 'similar_name'])).toBe('电子邮件相同、名称相似');
  });

  it('says a refusal by its reason when it has one, else by its code', () => {
    const { t } = words('en');
    expect(errorText(t, { code: 'invalid_state', message: 'x', reason: 'merged', reasonParams: { survivorId: 'a' } })).toBe(
      'One of the two records was already merged into another one.',
    );
    expect(errorText(t, { code: 'invalid_request', message: 'x', reason: 'merge_unknown_field', reasonParams: { field: 'id' } })).toBe(
      '“id” cannot be chosen in a merge.',
    );
    expect(errorText(t, { code: 'forbidden', message: 'x', reason: 'some_future_reason' })).toBe('You are not allowed to do that.');
  });

  it('links the merge screen with the pair in order', () => {
    expect(mergePath('contact', 'a 1', 'b/2')).toBe('/customers/duplicates/merge?entity=contact&a=a+1&b=b%2F2');
  });
});

describe('the probe sent while typing', () => {
  it('drops blanks, trims, cuts to the contract lengths and needs a name', () => {
    expect(toProbe({ name: '  Acme ', email: ' ', phone: '+49 40 1' })).toEqual({ name: 'Acme', phone: '+49 40 1' });
    expect(toProbe({ name: '', email: 'a@b.example' })).toBeNull();
    expect(toProbe({ name: 'x'.repeat(300), city: 'y'.repeat(100) })).toEqual({ name: 'x'.repeat(200), city: 'y'.repeat(80) });
  });
});
