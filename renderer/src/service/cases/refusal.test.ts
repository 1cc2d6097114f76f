import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/ns/service.en.json';
import zh from '../../i18n/ns/service.zh-CN.json';
import { refusalText } from './refusal';

async function translator(lng: 'en' | 'zh-CN') {
  const i18n = createInstance();
  await i18n.init({ lng, ns: ['service'], defaultNS: 'service', resources: { en: { service: en }, 'zh-CN': { service: zh } } });
  return i18n.getFixedT(lng, 'service');
}

describe('a refused case move in the rep language', () => {
  it('says in Chinese why a reopen was refused, with the window', async () => {
    const t = await translator('zh-CN');
    const text = refusalText(t, {
      code: 'invalid_state',
      message: 'The case was resolved more than 14 days ago and can no longer be reopened; nothing was changed.',
      reason: 'reopen_window_passed',
      reasonParams: { days: 14 },
    });
    expect(text).toBe('此工单已解决超过 14 天，无法重新打开。请新建工单。');
  });

  it('names a move the workflow does not have, and keeps unknown messages in the core words', async () => {
    const t = await translator('en');
    expect(
      refusalText(t, {
        code: 'invalid_state',
        message: 'A case that is open cannot be set to new; nothing was changed.',
        reason: 'not_allowed',
      }),
    ).toBe("The workflow does not allow this move from the case's current status.");
    expect(refusalText(t, { code: 'invalid_request', message: 'subject: too long' })).toBe('Not saved: subject: too long');
  });
});
