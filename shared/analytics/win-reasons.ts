import type { OpportunityStage } from '../schemas';
import type { WinFeature } from './win-features';
import { typicalFor, type WinTypical } from './win-typical';

export type WinReason = {
  readonly feature: WinFeature;
  /** Change of the log-odds against an average deal; positive raises the chance. */
  readonly effect: number;
  readonly direction: 'raises' | 'lowers';
  /** The feature's value for this deal (as featuresAt computed it), so the UI can word it in any language. */
  readonly value: number;
  /** What won deals typically had, in the reason's own unit (days, or major units of money); absent when unknown. */
  readonly typical?: number;
  /** Plain sentence for the UI, e.g. "No meeting or visit in 60 days lowers the chance". */
  readonly text: string;
};

/**
 * The stage is a feature of the model (it shifts every deal in it alike) but never a reason: "being
 * in Proposal" only restates what the rep sees, and there is nothing to do about it but the work
 * the other reasons name.
 */
const STAGE_FEATURES: ReadonlySet<WinFeature> = new Set([
  'stage_qualification',
  'stage_needs_analysis',
  'stage_proposal',
  'stage_negotiation',
]);

/** Describes a feature's value in words, so a reason reads like advice rather than a coefficient. */
function describe(feature: WinFeature, value: number, typical: number | undefined): string {
  const n = Math.round(value);
  const plural = (word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const won = typical === undefined ? '' : ` (won deals: ${Math.round(typical).toLocaleString('en')})`;
  switch (feature) {
    case 'stage_qualification':
    case 'stage_needs_analysis':
    case 'stage_proposal':
    case 'stage_negotiation':
      return 'The stage';
    case 'log_age_days':
      return `Open for ${Math.round(Math.expm1(value))} days`;
    case 'log_amount':
      return `Deal size ${Math.round(Math.expm1(value)).toLocaleString('en')}${won}`;
    case 'log_days_in_stage':
      return `${Math.round(Math.expm1(value))} days in the current stage${won}`;
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
      return value >= 180 ? `No meeting or visit in 180 days${won}` : `No meeting or visit in ${n} days${won}`;
  }
}

/** What a reason compares the deal with: won deals' typical figures, for a deal in `stage`. */
export type ReasonContext = { readonly typical: WinTypical | null; readonly stage: OpportunityStage };

/**
 * The `count` largest contributions by size a rep can act on (the stage's own is left out); tiny
 * ones (< 0.05 log-odds) are noise and left out too.
 */
export function topReasons(
  features: readonly WinFeature[],
  values: readonly number[],
  effects: readonly number[],
  count = 3,
  context?: ReasonContext,
): WinReason[] {
  return effects
    .map((effect, j) => ({ effect, j }))
    .filter((e) => Math.abs(e.effect) >= 0.05 && !STAGE_FEATURES.has(features[e.j] ?? 'log_amount'))
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect))
    .slice(0, count)
    .map(({ effect, j }) => {
      const feature = features[j] ?? 'log_amount';
      const direction = effect > 0 ? 'raises' : 'lowers';
      const typical = context ? typicalFor(context.typical, feature, context.stage) : undefined;
      const value = values[j] ?? 0;
      return {
        feature,
        effect,
        direction,
        value,
        ...(typical === undefined ? {} : { typical }),
        text: `${describe(feature, value, typical)} ${direction} the chance`,
      };
    });
}
