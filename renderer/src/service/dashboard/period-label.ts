import type { ServiceDashboardFilters } from '../../../../shared/contract/service/service-dashboard-requests';

/** "June 2024 – May 2025": the months the period figures count (the core's default: twelve up to as-of). */
export function periodLabel(filters: ServiceDashboardFilters, asOf: string, month: (key: string) => string): string {
  const y = Number(asOf.slice(0, 4));
  const m = Number(asOf.slice(5, 7)) - 1;
  const fallbackFrom = new Date(Date.UTC(y, m - 11, 1)).toISOString().slice(0, 7);
  return `${month(filters.from ?? fallbackFrom)} – ${month(filters.to ?? asOf.slice(0, 7))}`;
}
