import { useEffect, useState } from 'react';
import type { DashboardFilters, SalesDashboard } from '../../../shared/contract/reports/report-requests';
import type { CrmError } from '../../../shared/contract/result';
import { useCrmClient } from '../transport/client-context';

export type DashboardState = { readonly dashboard: SalesDashboard | null; readonly error: CrmError | null };

/**
 * The dashboard for `filters`, recomputed by the core whenever deals or quotas change (the core
 * debounces `reports.changed`, so a sync burst costs one recompute). `live: false` reads once (print).
 */
export function useSalesDashboard(filters: DashboardFilters, live = true): DashboardState {
  const client = useCrmClient();
  const [state, setState] = useState<DashboardState>({ dashboard: null, error: null });
  const key = JSON.stringify(filters);

  useEffect(() => {
    let cancelled = false;
    let version = 0;
    const load = async (): Promise<void> => {
      const mine = ++version;
      const result = await client.send('reports.salesDashboard', { filters: JSON.parse(key) as DashboardFilters });
      // Only the latest answer counts: an older, slower one must not overwrite newer figures.
      if (cancelled || mine !== version) return;
      setState(
        result.ok ? { dashboard: result.value, error: null } : (previous) => ({ dashboard: previous.dashboard, error: result.error }),
      );
    };
    if (!live) {
      void load();
      return () => void (cancelled = true);
    }
    let watchId: string | undefined;
    const stop = client.subscribe('reports.changed', (event) => {
      if (event.watchId === watchId) void load();
    });
    // The watch is asked for before the first read: the core handles requests in order, so a
    // background forecast that read starts can only finish once the watch exists (asked the other
    // way round, a forecast landing between the two was never announced and the page kept
    // "updating the forecast…").
    void client.send('reports.watch', {}).then((result) => {
      if (!result.ok) return;
      if (cancelled) void client.send('reports.unwatch', { watchId: result.value.watchId });
      else watchId = result.value.watchId;
    });
    void load();
    return () => {
      cancelled = true;
      stop();
      if (watchId) void client.send('reports.unwatch', { watchId });
    };
  }, [client, key, live]);
  return state;
}
