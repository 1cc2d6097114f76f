import { Subject } from 'rxjs';
import { fail, ok } from '../../../shared/contract/result';
import type { DashboardFilters, ExportPdfParams, SalesDashboard } from '../../../shared/contract/reports/report-requests';
import type { CrmDatabase } from '../db/open-crm-database';
import { defineHandlers } from '../rpc/dispatcher';
import { loadFilterOptions } from './filter-options';
import { createDashboardProjection } from './dashboard-projection';
import { findQuote, quoteDocument } from './quote-document';
import type { ReportPrinter } from './report-printer';
import { createRevenueForecastCache, type ForecastLookup, type ForecastSeriesFn, type RevenueSeries } from './revenue-forecast-cache';
import { computeSalesDashboard, revenueSeries, type DashboardInput } from './sales-dashboard';

export type ReportHandlerDeps = {
  readonly db: CrmDatabase;
  readonly now: () => number;
  /** Absent in hosts that cannot print (core tests); `reports.exportPdf` then answers invalid_state. */
  readonly printer?: ReportPrinter;
  /** Unused: live re-runs are debounced by the live layer. Kept so hosts that pass it still compile. */
  readonly debounceMs?: number;
  /** The analytics workers' full model selection; absent, the dashboard forecasts with the quick baselines. */
  readonly forecast?: ForecastSeriesFn;
  readonly log?: (message: string, error: unknown) => void;
  /**
   * Milliseconds after start-up before the dashboard's data is loaded in the background (null: on
   * the first request only), so the dashboard does not pay for the first read when it is opened.
   */
  readonly warmUpMs?: number | null;
};

/** Answers remembered per filters; the least recently used beyond this are dropped. */
const MAX_CACHED_ANSWERS = 24;

type CachedAnswer = {
  readonly version: number;
  readonly asOf: string;
  readonly input: DashboardInput;
  readonly series: RevenueSeries | null;
  /** The last answer and the forecast it was built with: equal forecast, same answer. */
  answer?: { readonly forecast: ForecastLookup | undefined; readonly dashboard: SalesDashboard };
};

/**
 * The dashboard reads an in-memory projection kept current from the change streams (no table read
 * per request), and each filter combination's answer is cached until the projection or the
 * forecast changes. Live subscribers are re-run by the live layer (live-sources.ts).
 */
export function createReportHandlers(deps: ReportHandlerDeps) {
  const { db } = deps;
  const log = deps.log ?? ((message: string, error: unknown) => console.error(`[reports] ${message}`, error));
  const projection = createDashboardProjection(db, log);
  const warmUpMs = deps.warmUpMs === undefined ? 1_000 : deps.warmUpMs;
  const warmTimer = warmUpMs === null ? undefined : setTimeout(() => projection.warm(), warmUpMs);
  warmTimer?.unref?.();
  const answers = new Map<string, CachedAnswer>();
  const asOf = (): string => new Date(deps.now()).toISOString().slice(0, 10);
  const forecastReady = new Subject<void>();
  const forecast = deps.forecast;
  const forecasts = forecast ? createRevenueForecastCache({ forecast, onReady: () => forecastReady.next(), log }) : undefined;
  // The period (from/to) does not change the revenue history, so it does not key the forecast.
  const forecastKey = ({ ownerId, teamId, region, productId, currency }: DashboardFilters): string =>
    JSON.stringify([ownerId, teamId, region, productId, currency]);

  const salesDashboard = async (filters: DashboardFilters): Promise<SalesDashboard> => {
    const snapshot = await projection.snapshot();
    const today = asOf();
    const key = JSON.stringify(filters);
    let cached = answers.get(key);
    if (!cached || cached.version !== snapshot.version || cached.asOf !== today) {
      const input: DashboardInput = { ...snapshot, filters, asOf: today };
      cached = { version: snapshot.version, asOf: today, input, series: revenueSeries(input) };
    }
    // Most recently used last, so the first key is the one to drop.
    answers.delete(key);
    answers.set(key, cached);
    if (answers.size > MAX_CACHED_ANSWERS) answers.delete(answers.keys().next().value ?? '');

    const full = forecasts?.lookup(forecastKey(filters), cached.series);
    const previous = cached.answer;
    if (previous && previous.forecast?.view === full?.view && previous.forecast?.refreshing === full?.refreshing) {
      return previous.dashboard;
    }
    const dashboard = computeSalesDashboard({
      ...cached.input,
      ...(full?.view ? { revenueForecast: full.view } : {}),
      forecastRefreshing: full?.refreshing ?? false,
    });
    cached.answer = { forecast: full, dashboard };
    return dashboard;
  };

  const handlers = defineHandlers({
    'reports.salesDashboard': async ({ filters }) => ok(await salesDashboard(filters)),
    'reports.filterOptions': async () => ok(await loadFilterOptions(db, await projection.snapshot())),
    'reports.quoteDocument': async ({ id }) => {
      const quote = await findQuote(db, id);
      if (!quote) return fail('not_found', `No quote has the number or id ${id}`);
      return ok(await quoteDocument(db, quote));
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
    /** The deals, accounts and org records the dashboard keeps in memory; the board's totals read it too. */
    projection,
    /** A background revenue forecast finished: the dashboard's answer has changed. */
    forecastReady$: forecastReady.asObservable(),
    /** The same answer as `reports.salesDashboard` (tests compare it with a from-scratch computation). */
    salesDashboard,
    close(): void {
      clearTimeout(warmTimer);
      forecastReady.complete();
      projection.close();
      forecasts?.close();
      answers.clear();
    },
  };
}

/** Filters travel as one JSON query parameter: the print page reads exactly what the dashboard sent. */
export function printRoute(params: ExportPdfParams): string {
  const query = new URLSearchParams({ lang: params.language });
  if (params.kind === 'quote') return `print/quote/${encodeURIComponent(params.quoteId)}?${query}`;
  query.set('filters', JSON.stringify(params.filters));
  if (params.kind === 'campaign') return `print/campaign?${query}`;
  return params.kind === 'service' ? `print/service?${query}` : `print/pipeline?${query}`;
}

function fileName(params: ExportPdfParams, date: string): string {
  if (params.kind === 'quote') return `quote-${params.quoteId.slice(0, 12)}.pdf`;
  if (params.kind === 'campaign') return `campaign-report-${date}.pdf`;
  return params.kind === 'service' ? `service-report-${date}.pdf` : `pipeline-forecast-${date}.pdf`;
}
