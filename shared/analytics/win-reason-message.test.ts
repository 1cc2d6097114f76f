import { describe, expect, it } from 'vitest';
import { winReasonMessage } from './win-reason-message';
import { WIN_FEATURES } from './win-features';
import { topReasons, type WinReason } from './win-reasons';
import { typicalOfWon } from './win-typical';

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

describe('reasons a rep can act on', () => {
  const at = (feature: (typeof WIN_FEATURES)[number]) => WIN_FEATURES.indexOf(feature);
  const values = WIN_FEATURES.map(() => 0);
  values[at('stage_proposal')] = 1;
  values[at('days_since_meeting_or_visit')] = 62;
  values[at('log_days_in_stage')] = Math.log1p(40);
  values[at('log_amount')] = Math.log1p(90_000);
  const effects = WIN_FEATURES.map(() => 0);
  // The stage weighs most, yet is never given as a reason.
  effects[at('stage_proposal')] = 1.5;
  effects[at('days_since_meeting_or_visit')] = -0.9;
  effects[at('log_days_in_stage')] = -0.5;
  effects[at('log_amount')] = -0.3;
  const row = (y: number, since: number, inStage: number, amount: number) => {
    const x = WIN_FEATURES.map(() => 0);
    x[at('days_since_meeting_or_visit')] = since;
    x[at('log_days_in_stage')] = Math.log1p(inStage);
    x[at('log_amount')] = Math.log1p(amount);
    return { stage: 'proposal' as const, x, y };
  };
  const typical = typicalOfWon([row(1, 7, 10, 20_000), row(1, 9, 12, 25_000), row(1, 11, 14, 30_000), row(0, 90, 60, 500_000)]);

  it('leaves the stage out and compares recency, time in stage and amount with won deals', () => {
    const reasons = topReasons(WIN_FEATURES, values, effects, 3, { typical, stage: 'proposal' });
    expect(reasons.map((r) => r.feature)).toEqual(['days_since_meeting_or_visit', 'log_days_in_stage', 'log_amount']);
    expect(reasons.map((r) => Math.round(r.typical ?? -1))).toEqual([9, 12, 25_000]);
    expect(reasons.every((r) => !/Proposal|stage_/.test(r.text))).toBe(true);
    expect(reasons[0]?.text).toBe('No meeting or visit in 62 days (won deals: 9) lowers the chance');
    expect(reasons.map(winReasonMessage).map((m) => [m.key, m.params])).toEqual([
      ['sinceMeetingVsWon', { days: 62, typical: 9 }],
      ['daysInStageVsWon', { days: 40, typical: 12 }],
      ['amountVsWon', { amount: 90_000, typical: 25_000 }],
    ]);
  });
});
