import { sigmoid } from '../../shared/analytics/logistic-regression';
import { normalDraw } from '../../shared/analytics/stats';
import type { WinActivity, WinOpportunity } from '../../shared/analytics/win-features';
import type { OpportunityStage, StageChange } from '../../shared/schemas';

const DAY = 86_400_000;
const OPEN: readonly OpportunityStage[] = ['prospecting', 'qualification', 'needs_analysis', 'proposal', 'negotiation'];
const START = Date.UTC(2022, 0, 1);

export type SimulatedDeals = { readonly deals: WinOpportunity[]; readonly activities: WinActivity[] };

/**
 * Closed (or open) deals with a known cause. With `signal`, a hidden deal quality q ~ N(0,1) drives
 * how often the rep meets and visits, how far the deal moves, and the outcome (P(win) = sigmoid(2q -
 * 0.4)); without it, the outcome is a coin with P = 0.4 that ignores everything else.
 */
export function simulateDeals(
  count: number,
  rand: () => number,
  options: { readonly signal: boolean; readonly open?: boolean; readonly idPrefix?: string },
): SimulatedDeals {
  const deals: WinOpportunity[] = [];
  const activities: WinActivity[] = [];
  for (let i = 0; i < count; i++) {
    const id = `${options.idPrefix ?? 'd'}${i}`;
    const q = normalDraw(rand);
    const createdAt = START + Math.floor(rand() * 720) * DAY;
    const life = (20 + rand() * 160) * DAY;
    const end = createdAt + life;
    const won = rand() < (options.signal ? sigmoid(2 * q - 0.4) : 0.4);
    const reached = Math.max(0, Math.min(4, Math.round(1.5 + (options.signal ? q : 0) + normalDraw(rand) * 0.7)));
    const history: StageChange[] = [{ stage: 'prospecting', at: createdAt }];
    for (let s = 1; s <= reached; s++) history.push({ stage: OPEN[s] ?? 'negotiation', at: createdAt + (life * s) / (reached + 1) });
    if (options.signal && q < -1 && reached >= 2) history.push({ stage: OPEN[reached - 1] ?? 'prospecting', at: createdAt + life * 0.95 });
    if (!options.open) history.push({ stage: won ? 'closed_won' : 'closed_lost', at: end });
    const stage = options.open ? (history[history.length - 1]?.stage ?? 'prospecting') : won ? 'closed_won' : 'closed_lost';
    deals.push({
      id,
      ownerId: 'rep-1',
      teamId: 'team-1',
      stage,
      amount: Math.round(Math.exp(9 + rand() * 3)) * 100,
      createdAt,
      closedAt: options.open ? undefined : end,
      updatedAt: end,
      stageHistory: history,
    });
    const rates: Array<[WinActivity['type'], number]> = [
      ['call', 0.08],
      ['meeting', 0.04 * Math.exp(options.signal ? 0.8 * q : 0)],
      ['visit', 0.015 * Math.exp(options.signal ? 0.6 * q : 0)],
    ];
    for (const [type, perDay] of rates) {
      // Poisson process over the deal's life: exponential gaps.
      for (let t = createdAt - Math.log(1 - rand()) * (DAY / perDay); t < end; t -= Math.log(1 - rand()) * (DAY / perDay)) {
        activities.push({ type, opportunityId: id, doneAt: Math.round(t), createdAt: Math.round(t) });
      }
    }
  }
  return { deals, activities };
}
