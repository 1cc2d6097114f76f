import type { WinFeature } from './win-features';

export type WinReason = {
  readonly feature: WinFeature;
  /** Change of the log-odds against an average deal; positive raises the chance. */
  readonly effect: number;
  readonly direction: 'raises' | 'lowers';
  /** The feature's value for this deal (as featuresAt computed it), so the UI can word it in any language. */
  readonly value: number;
  /** Plain sentence for the UI, e.g. "No meeting or visit in 60 days lowers the chance". */
  readonly text: string;
};

const STAGE_LABEL: Partial<Record<WinFeature, string>> = {
  stage_qualification: 'Qualification',
  stage_needs_analysis: 'Needs analysis',
  stage_proposal: 'Proposal',
  stage_negotiation: 'Negotiation',
};

/** Describes a feature's value in words, so a reason reads like advice rather than a coefficient. */
function describe(feature: WinFeature, value: number): string {
  const n = Math.round(value);
  const plural = (word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  switch (feature) {
    case 'stage_qualification':
    case 'stage_needs_analysis':
    case 'stage_proposal':
    case 'stage_negotiation':
      return value > 0 ? `Being in ${STAGE_LABEL[feature] ?? feature}` : `Not being in ${STAGE_LABEL[feature] ?? feature}`;
    case 'log_age_days':
      return `Open for ${Math.round(Math.expm1(value))} days`;
    case 'log_amount':
      return `Deal size (${Math.round(Math.expm1(value)).toLocaleString('en')})`;
    case 'log_days_in_stage':
      return `${Math.round(Math.expm1(value))} days in the current stage`;
    case 'stage_regressions':
      return n === 0 ? 'Never moved back a stage' : `Moved back a stage ${n === 1 ? 'once' : `${n} times`}`;
    case 'calls_30d':
      return n === 0 ? 'No call in 30 days' : `${plural('call')} in 30 days`;
    case 'meetings_30d':
      return n === 0 ? 'No meeting in 30 days' : `${plural('meeting')} in 30 days`;
    case 'visits_30d':
      return n === 0 ? 'No visit in 30 days' : `${plural('visit')} in 30 days`;
    case 'calls_90d':
      return n === 0 ? 'No call in 90 days' : `${plural('call')} in 90 days`;
    case 'meetings_90d':
      return n === 0 ? 'No meeting in 90 days' : `${plural('meeting')} in 90 days`;
    case 'visits_90d':
      return n === 0 ? 'No visit in 90 days' : `${plural('visit')} in 90 days`;
    case 'days_since_meeting_or_visit':
      return value >= 180 ? 'No meeting or visit in 180 days' : `No meeting or visit in ${n} days`;
  }
}

/** The `count` largest contributions by size; tiny ones (< 0.05 log-odds) are noise and left out. */
export function topReasons(features: readonly WinFeature[], values: readonly number[], effects: readonly number[], count = 3): WinReason[] {
  return effects
    .map((effect, j) => ({ effect, j }))
    .filter((e) => Math.abs(e.effect) >= 0.05)
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect))
    .slice(0, count)
    .map(({ effect, j }) => {
      const feature = features[j] ?? 'log_amount';
      const direction = effect > 0 ? 'raises' : 'lowers';
      return { feature, effect, direction, value: values[j] ?? 0, text: `${describe(feature, values[j] ?? 0)} ${direction} the chance` };
    });
}
