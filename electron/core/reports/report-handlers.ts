import { randomUUID } from 'node:crypto';
import { debounceTime, merge, Subject, type Subscription } from 'rxjs';
import { fail, ok } from '../../../shared/contract/result';
import type { DashboardFilters, ExportPdfParams } from '../../../shared/contract/reports/report-requests';
import type { CrmDatabase } from '../db/open-crm-database';
import { defineHandlers } from '../rpc/dispatcher';
import { loadDashboardLookups, loadDashboardOpportunities, loadFilterOptions, type DashboardLookups } from './dashboard-data';
import { findQuote, quoteDocument } from './quote-document';
import type { ReportPrinter } from './report-printer';
import { createRevenueForecastCache, type ForecastSeriesFn } from './revenue-forecast-cache';
import { computeSalesDashboard, revenueSeries, type DashboardInput, type DashboardOpportunity } from './sales-dashboard';

export type ReportHandlerDeps = {
  readonly db: CrmDatabase;
  readonly now: () => number;
  /** Absent in hosts that cannot print (core tests); `reports.exportPdf` then answers invalid_state. */
  readonly printer?: ReportPrinter;
  readonly debounceMs?: number;
  /** The analytics workers' full model selection; absent, the dashboard forecasts with the quick baselines. */
  readonly forecast?: ForecastSeriesFn;
  readonly log?: (message: string, error: unknown) => void;
};

/**
 * Dashboard reads are cached per owner/team scope and dropped on any write to the collections
 * they read, so a filter change costs a recompute, not a full table read, on 100k accounts.
 */
export function createReportHandlers(deps: ReportHandlerDeps) {
  const { db } = deps;
  const deals = new Map<string, Promise<DashboardOpportunity[]>>();
  let lookups: Promise<DashboardLookups> | undefined;
  const invalidation: Subscription = merge(db.opportunities.eventBulks$).subscribe(() => deals.clear());
  invalidation.add(merge(db.accounts.eventBulks$, db.org.eventBulks$).subscribe(() => (lookups = undefined)));

  const scopeKey = (filters: DashboardFilters): string =>
    filters.ownerId ? `o:${filters.ownerId}` : filters.teamId ? `t:${filters.teamId}` : 'all';
  const dealsFor = (filters: DashboardFilters): Promise<DashboardOpportunity[]> => {
    const key = scopeKey(filters);
    let cached = deals.get(key);
    if (!cached) {
      cached = loadDashboardOpportunities(db, { ownerId: filters.ownerId, teamId: filters.teamId });
      deals.set(key, cached);
      cached.catch(() => deals.delete(key));
    }
    return cached;
  };
  const lookupsNow = (): Promise<DashboardLookups> => {
    lookups ??= loadDashboardLookups(db);
    const current = lookups;
    current.catch(() => {
      if (lookups === current) lookups = undefined;
    });
    return current;
  };
  const asOf = (): string => new Date(deps.now()).toISOString().slice(0, 10);
  const watches = new Map<string, { readonly subscription: Subscription; readonly changed: () => void }>();
  const forecastReady = new Subject<void>();
  const forecast = deps.forecast;
  const forecasts = forecast
    ? createRevenueForecastCache({
        forecast,
        onReady: () => {
          for (const watch of watches.values()) watch.changed();
          forecastReady.next();
        },
        log: deps.log ?? ((message, error) => console.error(`[reports] ${message}`, error)),
      })
    : undefined;
  // The period (from/to) does not change the revenue history, so it does not key the forecast.
  const forecastKey = ({ ownerId, teamId, region, productId, currency }: DashboardFilters): string =>
    JSON.stringify([ownerId, teamId, region, productId, currency]);

  const handlers = defineHandlers({
    'reports.salesDashboard': async ({ filters }) => {
      const [opportunities, looked] = await Promise.all([dealsFor(filters), lookupsNow()]);
      const input: DashboardInput = { opportunities, ...looked, filters, asOf: asOf() };
      const full = forecasts?.lookup(forecastKey(filters), revenueSeries(input));
      return ok(
        computeSalesDashboard({
          ...input,
          ...(full?.view ? { revenueForecast: full.view } : {}),
          forecastRefreshing: full?.refreshing ?? false,
        }),
      );
    },
    'reports.filterOptions': async () => ok(await loadFilterOptions(db, await lookupsNow())),
    'reports.quoteDocument': async ({ id }) => {
      const quote = await findQuote(db, id);
      if (!quote) return fail('not_found', `No quote has the number or id ${id}`);
      return ok(await quoteDocument(db, quote));
    },
    'reports.watch': async (_params, session) => {
      const watchId = randomUUID();
      const changed = (): void => session.emit('reports.changed', { watchId });
      const subscription = merge(db.opportunities.eventBulks$, db.org.eventBulks$)
        .pipe(debounceTime(deps.debounceMs ?? 300))
        .subscribe(changed);
      watches.set(watchId, { subscription, changed });
      session.onClose(() => {
        subscription.unsubscribe();
        watches.delete(watchId);
      });
      return ok({ watchId });
    },
    'reports.unwatch': async ({ watchId }) => {
      watches.get(watchId)?.subscription.unsubscribe();
      return ok({ removed: watches.delete(watchId) });
    },
    'reports.exportPdf': async (asked, session) => {
      if (!deps.printer) return fail('invalid_state', 'This host cannot print PDFs');
      // A quote is asked for by id or by its printed number; one that does not exist is an error, not a PDF saying so.
      const quote = asked.kind === 'quote' ? await findQuote(db, asked.quoteId) : null;
      if (asked.kind === 'quote' && !quote) return fail('not_found', `No quote has the number or id ${asked.quoteId}`);
      const params: ExportPdfParams = asked.kind === 'quote' && quote ? { ...asked, quoteId: quote.id } : asked;
      const progress = (phase: 'starting' | 'rendering' | 'printing' | 'done' | 'failed'): void =>
        session.emit('reports.exportProgress', { exportId: params.exportId, phase });
      progress('starting');
      const result = await deps.printer({
        route: printRoute(params),
        fileName: fileName(params, asOf()),
        labels: params.labels,
        onProgress: progress,
      });
      progress(result.ok ? 'done' : 'failed');
      return result;
    },
  });

  return {
    handlers,
    /** A background revenue forecast finished: the dashboard's answer has changed. */
    forecastReady$: forecastReady.asObservable(),
    close(): void {
      forecastReady.complete();
      invalidation.unsubscribe();
      forecasts?.close();
      for (const watch of watches.values()) watch.subscription.unsubscribe();
      watches.clear();
    },
  };
}

/** Filters travel as one JSON query parameter: the print page reads exactly what the dashboard sent. */
export function printRoute(params: ExportPdfParams): string {
  const query = new URLSearchParams({ lang: params.language });
  if (params.kind === 'quote') return `print/quote/${encodeURIComponent(params.quoteId)}?${query}`;
  query.set('filters', JSON.stringify(params.filters));
  return `print/pipeline?${query}`;
}

function fileName(params: ExportPdfParams, date: string): string {
  return params.kind === 'quote' ? `quote-${params.quoteId.slice(0, 12)}.pdf` : `pipeline-forecast-${date}.pdf`;
}
