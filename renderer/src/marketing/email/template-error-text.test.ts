import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { resourcesFor } from '../../i18n/namespaces';
import { draftErrors } from './email-form';
import { templateErrorText } from './template-error-text';

const en = i18next.createInstance();
const zh = i18next.createInstance();

beforeAll(async () => {
  await en.init({ lng: 'en', resources: { en: resourcesFor('en') }, interpolation: { escapeValue: false } });
  await zh.init({ lng: 'zh-CN', resources: { 'zh-CN': resourcesFor('zh-CN') }, interpolation: { escapeValue: false } });
});

describe('template mistakes in words', () => {
  it('names the part, the place and the field the rep probably meant, in both languages', () => {
    const errors = draftErrors({ subject: 'Hi {{contact.frstName}}', body: 'Dear {{ }},\nsee {{account.name' });
    expect(errors.subject).toHaveLength(1);
    expect(errors.body.map((error) => error.code)).toEqual(['empty_field', 'unclosed_field']);
    const words = (t: typeof en) =>
      [...errors.subject, ...errors.body].map((error) => templateErrorText(t.getFixedT('en', 'marketing-email'), error));
    expect(words(en)).toEqual([
      'Subject, line 1, column 4: “contact.frstName” is not a merge field. Did you mean “contact.firstName”?',
      'Body, line 1, column 6: A merge field “{{}}” has no name.',
      'Body, line 2, column 5: “{{” is not closed with “}}” on the same line.',
    ]);
    const zhWords = [...errors.subject, ...errors.body].map((error) => templateErrorText(zh.getFixedT('zh-CN', 'marketing-email'), error));
    expect(zhWords[0]).toBe('主题，第 1 行第 4 列：“contact.frstName”不是合并字段。您是否想写“contact.firstName”？');
    expect(zhWords[2]).toBe('正文，第 2 行第 5 列：“{{”在同一行内没有用“}}”闭合。');
  });

  it('finds nothing wrong in known fields with fallbacks', () => {
    expect(draftErrors({ subject: 'Hello {{contact.firstName | there}}', body: '{{rep.name}} · {{unsubscribe.url}}' })).toEqual({
      subject: [],
      body: [],
    });
  });
});
