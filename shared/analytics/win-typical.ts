import type { OpportunityStage } from '../schemas';
import { WIN_FEATURES } from './win-features';

/**
 * What won deals looked like at their training snapshot: the yardstick a reason compares a deal
 * with, so "62 days without a meeting" comes with "won deals: 9" and the rep knows what to do.
 */
export type WinTypical = {
  /** Median days since the last meeting or visit (capped at 180 like the feature). */
  readonly daysSinceContact: number | null;
  /** Median days in the stage they were in, per stage; `daysInStageAll` when a stage has too few. */
  readonly daysInStage: Readonly<Partial<Record<OpportunityStage, number>>>;
  readonly daysInStageAll: number | null;
  /** Median amount in major units (amounts of every currency together, as the model sees them). */
  readonly amount: number | null;
};

/** Fewer won deals than this in a stage: its own median is noise, the overall one is used. */
const MIN_PER_STAGE = 5;

const SINCE = WIN_FEATURES.indexOf('days_since_meeting_or_visit');
const IN_STAGE = WIN_FEATURES.indexOf('log_days_in_stage');
const AMOUNT = WIN_FEATURES.indexOf('log_amount');

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Medians over the won rows (y = 1); features are the training snapshot's (see featuresAt). */
export function typicalOfWon(
  rows: ReadonlyArray<{ readonly stage: OpportunityStage; readonly x: readonly number[]; readonly y: number }>,
): WinTypical {
  const won = rows.filter((row) => row.y === 1);
  const days = (row: { readonly x: readonly number[] }): number => Math.expm1(row.x[IN_STAGE] ?? 0);
  const byStage: Partial<Record<OpportunityStage, number>> = {};
  const stages = new Map<OpportunityStage, number[]>();
  for (const row of won) stages.set(row.stage, [...(stages.get(row.stage) ?? []), days(row)]);
  for (const [stage, values] of stages) {
    const value = median(values);
    if (values.length >= MIN_PER_STAGE && value !== null) byStage[stage] = value;
  }
  return {
    daysSinceContact: median(won.map((row) => row.x[SINCE] ?? 0)),
    daysInStage: byStage,
    daysInStageAll: median(won.map(days)),
    amount: median(won.map((row) => Math.expm1(row.x[AMOUNT] ?? 0))),
  };
}

/** The typical value a reason on `feature` is compared with, for a deal in `stage`; undefined when none applies. */
export function typicalFor(typical: WinTypical | null, feature: string, stage: OpportunityStage): number | undefined {
  if (!typical) return undefined;
  const value =
    feature === 'days_since_meeting_or_visit'
      ? typical.daysSinceContact
      : feature === 'log_days_in_stage'
        ? (typical.daysInStage[stage] ?? typical.daysInStageAll)
        : feature === 'log_amount'
          ? typical.amount
          : null;
  return value === null ? undefined : value;
}
