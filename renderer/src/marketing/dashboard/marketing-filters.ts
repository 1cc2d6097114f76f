import type { MarketingDashboardFilters } from '../../../../shared/contract/marketing/marketing-dashboard-requests';
import { servicePeriodRange, type ServicePeriod } from '../../service/dashboard/service-filters';

/** The same period presets as the service dashboard, resolved to months in the user's calendar. */
export { SERVICE_PERIODS as MARKETING_PERIODS } from '../../service/dashboard/service-filters';
export type MarketingPeriod = ServicePeriod;

export type MarketingFilterState = Omit<MarketingDashboardFilters, 'from' | 'to'> & { readonly period: MarketingPeriod };

export function toMarketingFilters(state: MarketingFilterState): MarketingDashboardFilters {
  const { period, ...rest } = state;
  return Object.fromEntries(
    Object.entries({ ...rest, ...servicePeriodRange(period) }).filter(([, value]) => value !== undefined && value !== ''),
  ) as MarketingDashboardFilters;
}
