import { closePeriodRange, type ClosePeriod } from '../../../../shared/contract/sales/close-periods';
import type { OpportunityFilter } from '../../../../shared/contract/sales/opportunities-requests';
import { OPPORTUNITY_STAGES, type OpportunityStage } from '../../../../shared/schemas';
import { localIsoDate } from '../use-request';

export const OPEN_STAGES: ReadonlyArray<OpportunityStage> = OPPORTUNITY_STAGES.filter((s) => s !== 'closed_won' && s !== 'closed_lost');

/** 'overdue': open deals whose close date has passed. */
export type PeriodChoice = ClosePeriod | 'overdue';
export type StageChoice = 'open' | 'all' | OpportunityStage;

/** What the filter bar holds; amounts as typed (major units), empty = no bound. */
export type DealFilterState = {
  readonly mine: boolean;
  readonly ownerId: string;
  readonly teamId: string;
  readonly period: PeriodChoice;
  readonly stage: StageChoice;
  readonly amountMin: string;
  readonly amountMax: string;
};

export const DEFAULT_DEAL_FILTERS: DealFilterState = {
  mine: false,
  ownerId: '',
  teamId: '',
  period: 'any',
  stage: 'open',
  amountMin: '',
  amountMax: '',
};

/** Major units typed by the rep to minor units (cents); blank or not a number: no bound. */
function minorUnits(text: string): number | undefined {
  const value = Number(text.replace(/[,\s]/g, ''));
  return text.trim() === '' || !Number.isFinite(value) || value < 0 ? undefined : Math.round(value * 100);
}

/** The rep's calendar date `days` from today. */
export const today = (days = 0): string => localIsoDate(days);

/** Who and when: the part of the filters the board shares with the list. */
export function scopeOf(state: DealFilterState): Pick<OpportunityFilter, 'mine' | 'ownerId' | 'teamId' | 'closeFrom' | 'closeTo'> {
  const range = state.period === 'overdue' ? { to: today(-1) } : closePeriodRange(state.period, today());
  return {
    ...(state.mine ? { mine: true } : {}),
    ...(state.ownerId ? { ownerId: [state.ownerId] } : {}),
    ...(state.teamId ? { teamId: [state.teamId] } : {}),
    ...(range.from !== undefined ? { closeFrom: range.from } : {}),
    ...(range.to !== undefined ? { closeTo: range.to } : {}),
  };
}

export function listFilterOf(state: DealFilterState): OpportunityFilter {
  // Overdue means open: with "all stages" it still leaves the closed ones out.
  const stages =
    state.stage === 'open' || (state.stage === 'all' && state.period === 'overdue')
      ? OPEN_STAGES
      : state.stage === 'all'
        ? undefined
        : [state.stage];
  const min = minorUnits(state.amountMin);
  const max = minorUnits(state.amountMax);
  return {
    ...scopeOf(state),
    ...(stages ? { stage: [...stages] } : {}),
    ...(min !== undefined ? { amountMin: min } : {}),
    ...(max !== undefined ? { amountMax: max } : {}),
  };
}

/** An open deal whose close date is before today. */
export function isOverdue(deal: { readonly stage: OpportunityStage; readonly closeDate: string }, todayIso: string): boolean {
  return OPEN_STAGES.includes(deal.stage) && deal.closeDate < todayIso;
}
