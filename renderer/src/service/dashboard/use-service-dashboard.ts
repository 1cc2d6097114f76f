import { useState } from 'react';
import type { CrmError } from '../../../../shared/contract/result';
import type { ServiceDashboard, ServiceDashboardFilters } from '../../../../shared/contract/service/service-dashboard-requests';
import { useLiveQuery } from '../../data/use-live-query';

export type ServiceDashboardState = {
  readonly dashboard: ServiceDashboard | null;
  readonly error: CrmError | null;
};

/**
 * The service dashboard for `filters`, live: the core pushes a new answer after any change to
 * cases, surveys, SLA policies or accounts. While new filters load, the previous figures stay.
 */
export function useServiceDashboard(filters: ServiceDashboardFilters): ServiceDashboardState {
  const state = useLiveQuery('service.dashboard', { filters }, JSON.stringify(filters));
  const [last, setLast] = useState<ServiceDashboard | null>(null);
  // Remembered during render (React's pattern for state derived from a changing input).
  if (state.status === 'ready' && state.result !== last) setLast(state.result);
  return { dashboard: state.status === 'ready' ? state.result : last, error: state.status === 'error' ? state.error : null };
}
