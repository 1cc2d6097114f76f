import { useState } from 'react';
import type { MarketingDashboard, MarketingDashboardFilters } from '../../../../shared/contract/marketing/marketing-dashboard-requests';
import type { CrmError } from '../../../../shared/contract/result';
import { useLiveQuery } from '../../data/use-live-query';

export type MarketingDashboardState = {
  readonly dashboard: MarketingDashboard | null;
  readonly error: CrmError | null;
};

/**
 * The marketing dashboard for `filters`, live: the core pushes a new answer after any change to
 * campaigns, members, leads or deals. While new filters load, the previous figures stay.
 */
export function useMarketingDashboard(filters: MarketingDashboardFilters): MarketingDashboardState {
  const state = useLiveQuery('marketing.dashboard', { filters }, JSON.stringify(filters));
  const [last, setLast] = useState<MarketingDashboard | null>(null);
  // Remembered during render (React's pattern for state derived from a changing input).
  if (state.status === 'ready' && state.result !== last) setLast(state.result);
  return { dashboard: state.status === 'ready' ? state.result : last, error: state.status === 'error' ? state.error : null };
}
