import { describe, expect, it } from 'vitest';
import { winReasonMessage } from './win-reason-message';
import type { WinReason } from './win-reasons';

const reason = (feature: WinReason['feature'], value: number): WinReason => ({
  feature,
  value,
  effect: -0.4,
  direction: 'lowers',
  text: '',
});

describe('win reasons as translation keys', () => {
  it('carries the numbers the English text was built from', () => {
    expect(winReasonMessage(reason('meetings_30d', 0))).toMatchObject({ key: 'noMeetings', params: { days: 30 } });
    expect(winReasonMessage(reason('calls_90d', 3))).toMatchObject({ key: 'calls', params: { count: 3, days: 90 } });
    expect(winReasonMessage(reason('stage_proposal', 1))).toMatchObject({ key: 'inStage', params: { stage: 'proposal' } });
    expect(winReasonMessage(reason('log_age_days', Math.log1p(45)))).toMatchObject({ key: 'age', params: { days: 45 } });
    expect(winReasonMessage(reason('log_amount', Math.log1p(1200)))).toMatchObject({ key: 'amount', params: { amount: 1200 } });
    expect(winReasonMessage(reason('days_since_meeting_or_visit', 62))).toMatchObject({
      key: 'sinceMeeting',
      params: { days: 62 },
      direction: 'lowers',
    });
    expect(winReasonMessage(reason('days_since_meeting_or_visit', 180)).key).toBe('noMeetingLong');
  });
});
