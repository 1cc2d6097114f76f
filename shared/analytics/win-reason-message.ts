import type { WinFeature } from './win-features';
import type { WinReason } from './win-reasons';

/**
 * A reason as a translation key plus its numbers: the core knows the values, only the renderer
 * knows the language. Keys live under `win.reason.` in the sales namespace.
 */
export type WinReasonMessage = {
  readonly feature: WinFeature;
  readonly direction: 'raises' | 'lowers';
  readonly key: WinReasonKey;
  readonly params: Readonly<Record<string, number | string>>;
};

export type WinReasonKey =
  | 'age'
  | 'amount'
  | 'amountVsWon'
  | 'daysInStage'
  | 'daysInStageVsWon'
  | 'noRegressions'
  | 'regressions'
  | 'calls'
  | 'noCalls'
  | 'meetings'
  | 'noMeetings'
  | 'visits'
  | 'noVisits'
  | 'sinceMeeting'
  | 'sinceMeetingVsWon'
  | 'noMeetingLong';

const WINDOWED: Partial<Record<WinFeature, readonly [WinReasonKey, WinReasonKey, number]>> = {
  calls_30d: ['calls', 'noCalls', 30],
  calls_90d: ['calls', 'noCalls', 90],
  meetings_30d: ['meetings', 'noMeetings', 30],
  meetings_90d: ['meetings', 'noMeetings', 90],
  visits_30d: ['visits', 'noVisits', 30],
  visits_90d: ['visits', 'noVisits', 90],
};

/**
 * Mirrors `describe` in win-reasons.ts (log features are log1p of days or of major currency units).
 * With won deals' typical figure the message compares: `typical` is days, or major units for the amount.
 */
export function winReasonMessage(reason: WinReason): WinReasonMessage {
  const base = { feature: reason.feature, direction: reason.direction };
  const n = Math.round(reason.value);
  const typical = reason.typical === undefined ? undefined : Math.round(reason.typical);
  const windowed = WINDOWED[reason.feature];
  if (windowed !== undefined) {
    const [some, none, days] = windowed;
    return n === 0 ? { ...base, key: none, params: { days } } : { ...base, key: some, params: { count: n, days } };
  }
  const days = Math.round(Math.expm1(reason.value));
  switch (reason.feature) {
    case 'log_age_days':
      return { ...base, key: 'age', params: { days } };
    case 'log_amount':
      // Major units: log_amount is log1p(amount / 100).
      return typical === undefined
        ? { ...base, key: 'amount', params: { amount: days } }
        : { ...base, key: 'amountVsWon', params: { amount: days, typical } };
    case 'log_days_in_stage':
      return typical === undefined
        ? { ...base, key: 'daysInStage', params: { days } }
        : { ...base, key: 'daysInStageVsWon', params: { days, typical } };
    case 'stage_regressions':
      return n === 0 ? { ...base, key: 'noRegressions', params: {} } : { ...base, key: 'regressions', params: { count: n } };
    default:
      if (typical !== undefined) return { ...base, key: 'sinceMeetingVsWon', params: { days: Math.min(n, 180), typical } };
      return reason.value >= 180
        ? { ...base, key: 'noMeetingLong', params: { days: 180 } }
        : { ...base, key: 'sinceMeeting', params: { days: n } };
  }
}
