import { describe, expect, it } from 'vitest';
import { CHURN_REASON_CODES } from '../../../shared/contract/insight/insight-requests';
import { createFormatters } from '../i18n/formatters';
import { namespaces } from '../i18n/namespaces';
import { createFixed, reasonMessage } from './insight-format';

const format = createFormatters('en-US');
const fixed = createFixed('en-US');

describe('churn reasons in words', () => {
  it('formats money in the account currency, whole percents and counts', () => {
    expect(
      reasonMessage({ code: 'lower_spend', params: { recent: 120_000, previous: 450_050, percent: -73, months: 6 } }, 'EUR', format, fixed),
    ).toEqual({
      key: 'reasons.lower_spend',
      values: { recent: '€1,200.00', previous: '€4,500.50', months: '6' },
    });
    expect(reasonMessage({ code: 'low_p_alive', params: { percent: 12 } }, 'USD', format, fixed).values).toEqual({ percent: '12%' });
    expect(reasonMessage({ code: 'open_cases', params: { count: 3 } }, 'USD', format, fixed).values).toEqual({ count: 3 });
    expect(reasonMessage({ code: 'low_csat', params: { score: 2.35 } }, 'USD', format, fixed).values).toEqual({ score: '2.4' });
  });

  it('says a reason without numbers when one is missing or not finite', () => {
    expect(reasonMessage({ code: 'no_recent_activity', params: { days: Infinity } }, 'USD', format, fixed)).toEqual({
      key: 'reasons.no_recent_activity_plain',
      values: {},
    });
    expect(reasonMessage({ code: 'fewer_purchases', params: { recent: 1 } }, 'USD', format, fixed).key).toBe(
      'reasons.fewer_purchases_plain',
    );
  });

  it('has a sentence with and without numbers for every reason code in both languages', () => {
    for (const language of ['en', 'zh-CN'] as const) {
      const reasons = namespaces.insight[language].reasons as Record<string, string>;
      for (const code of CHURN_REASON_CODES) {
        expect(reasons[`${code}_plain`], `${language} ${code}_plain`).toBeTruthy();
        expect(reasons[code] ?? reasons[`${code}_other`], `${language} ${code}`).toBeTruthy();
      }
    }
  });
});
