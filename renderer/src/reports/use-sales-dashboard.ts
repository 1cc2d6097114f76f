import { useState } from 'react';
import type { DashboardFilters, SalesDashboard } from '../../../shared/contract/reports/report-requests';
import type { CrmError } from '../../../shared/contract/result';
import { useLiveQuery } from '../data/use-live-query';

export type DashboardState = {
  readonly dashboard: SalesDashboard | null;
  readonly error: CrmError | null;
  /** True while the answer for new filters is on its way and `dashboard` still shows the previous ones. */
  readonly stale: boolean;
};

/**
 * The dashboard for `filters`, live: the core pushes a new answer after any change to deals,
 * accounts or quotas (a local write, another window, a sync pull) and when a background forecast
 * finishes. While new filters load, the previous figures stay on screen rather than a blank page.
 */
export function useSalesDashboard(filters: DashboardFilters): DashboardState {
  const key = JSON.stringify(filters);
  const state = useLiveQuery('reports.salesDashboard', { filters }, key);
  const [last, setLast] = useState<SalesDashboard | null>(null);
  // Remembered during render (React's pattern for state derived from a changing input).
  if (state.status === 'ready' && state.result !== last) setLast(state.result);
  return {
    dashboard: state.status === 'ready' ? state.result : last,
    error: state.status === 'error' ? state.error : null,
    stale: state.status === 'loading' && last !== null,
  };
}
