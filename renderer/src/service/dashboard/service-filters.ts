import type { ServiceDashboardFilters } from '../../../../shared/contract/service/service-dashboard-requests';

export const SERVICE_PERIODS = ['last12', 'last3', 'thisQuarter', 'thisYear', 'last24'] as const;
export type ServicePeriod = (typeof SERVICE_PERIODS)[number];

export type ServiceFilterState = Omit<ServiceDashboardFilters, 'from' | 'to'> & { readonly period: ServicePeriod };

const monthKey = (year: number, month: number): string => {
  const date = new Date(Date.UTC(year, month, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
};

/** Presets resolve to months in the user's calendar, ending with the running month. */
export function servicePeriodRange(period: ServicePeriod, today: Date = new Date()): Pick<ServiceDashboardFilters, 'from' | 'to'> {
  const y = today.getFullYear();
  const m = today.getMonth();
  const to = monthKey(y, m);
  switch (period) {
    case 'last3':
      return { from: monthKey(y, m - 2), to };
    case 'thisQuarter':
      return { from: monthKey(y, m - (m % 3)), to };
    case 'thisYear':
      return { from: monthKey(y, 0), to };
    case 'last24':
      return { from: monthKey(y, m - 23), to };
    default:
      return { from: monthKey(y, m - 11), to };
  }
}

export function toServiceFilters(state: ServiceFilterState): ServiceDashboardFilters {
  const { period, ...rest } = state;
  return Object.fromEntries(
    Object.entries({ ...rest, ...servicePeriodRange(period) }).filter(([, value]) => value !== undefined && value !== ''),
  ) as ServiceDashboardFilters;
}

/**
 * Business minutes in words-ready parts (`compact`: hours with one decimal under two days): under an hour in minutes, under two days in hours and
 * minutes, beyond in days and hours (a business day is whatever the calendar says, so days here
 * are 24 hours of counted business time).
 */
export function durationParts(
  minutes: number,
  compact = false,
): { readonly key: 'minutes' | 'hours' | 'hoursOnly' | 'days'; readonly values: Record<string, number> } {
  const whole = Math.round(minutes);
  if (whole < 60) return { key: 'minutes', values: { minutes: whole } };
  // At a glance hours read with one decimal; exact minutes are in the printed report.
  if (compact && whole < 48 * 60) return { key: 'hoursOnly', values: { hours: Math.round(whole / 6) / 10 } };
  if (whole < 48 * 60) return { key: 'hours', values: { hours: Math.floor(whole / 60), minutes: whole % 60 } };
  return { key: 'days', values: { days: Math.floor(whole / 1440), hours: Math.floor((whole % 1440) / 60) } };
}
