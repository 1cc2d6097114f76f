import { z } from 'zod';
import type { ForecastModelName } from '../../analytics/forecast-types';
import type { OpportunityStage } from '../../schemas/opportunities';
import { currencySchema, idSchema, shortLabelSchema } from '../../schemas/primitives';
import type { Quote } from '../../schemas/sales-docs';
import { request } from '../define-request';
import { marketingDashboardFiltersSchema } from '../marketing/marketing-dashboard-requests';
import { serviceDashboardFiltersSchema } from '../service/service-dashboard-requests';

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month looks like 2025-06');

/** What every dashboard and report figure can be narrowed by; absent fields mean "all". */
export const dashboardFiltersSchema = z.strictObject({
  ownerId: idSchema.optional(),
  teamId: idSchema.optional(),
  region: shortLabelSchema.optional(),
  productId: idSchema.optional(),
  /** Inclusive close-month bounds for pipeline figures; history charts always show 24 months. */
  from: monthSchema.optional(),
  to: monthSchema.optional(),
  /** Money is never converted offline: one currency per dashboard, the most common one by default. */
  currency: currencySchema.optional(),
});
export type DashboardFilters = z.input<typeof dashboardFiltersSchema>;

export type StageFigure = { readonly stage: OpportunityStage; readonly amount: number; readonly count: number };
export type MonthValue = { readonly period: string; readonly value: number };
export type CategoryPeriod = {
  readonly period: string;
  readonly commit: number;
  readonly bestCase: number;
  readonly pipeline: number;
  readonly closed: number;
  /** Null when no quota covers the period for the filtered reps. */
  readonly quota: number | null;
};
export type WinRatePoint = {
  readonly period: string;
  readonly won: number;
  readonly lost: number;
  /** 0..1, null when nothing closed that month. */
  readonly winRate: number | null;
  /** Days from creation to close of that month's won deals; null without any. */
  readonly avgCycleDays: number | null;
};
export type ForecastBandPoint = {
  readonly period: string;
  readonly mean: number;
  readonly lower80: number;
  readonly upper80: number;
  readonly lower95: number;
  readonly upper95: number;
};
export type TopDeal = {
  readonly id: string;
  readonly name: string;
  readonly accountName: string;
  readonly ownerName: string;
  readonly stage: OpportunityStage;
  readonly amount: number;
  readonly probability: number;
  readonly closeDate: string;
};

/** How the chosen model did on held-out months of the same history. */
export type ForecastBacktest = {
  readonly smape: number;
  readonly mase: number;
  /** Mean absolute monthly error over the average of the last twelve complete months (0.12 = off by 12%); null when those are all zero. */
  readonly errorShare: number | null;
};

export type SalesDashboard = {
  /** `YYYY-MM-DD` the figures are computed at (the core's clock). */
  readonly asOf: string;
  readonly currency: string;
  /** Currencies present under the other filters, most deals first (for the currency picker). */
  readonly currencies: ReadonlyArray<string>;
  readonly totals: {
    readonly openPipeline: number;
    readonly openCount: number;
    readonly weighted: number;
    readonly commit: number;
    readonly bestCase: number;
    readonly closedWon: number;
    readonly wonCount: number;
    readonly winRate: number | null;
    readonly avgCycleDays: number | null;
    readonly quota: number | null;
  };
  /** Open stages, in stage order. */
  readonly byStage: ReadonlyArray<StageFigure>;
  /** Deals that ever reached each stage (stage history), in order: the funnel. */
  readonly funnel: ReadonlyArray<StageFigure>;
  readonly weightedByMonth: ReadonlyArray<MonthValue & { readonly pipeline: number }>;
  readonly forecastByQuarter: ReadonlyArray<CategoryPeriod>;
  readonly winRateByMonth: ReadonlyArray<WinRatePoint>;
  /** Closed-won revenue of the 24 complete months before the as-of month. */
  readonly revenueHistory: ReadonlyArray<MonthValue>;
  /** The running month so far (through `throughDay` of `daysInMonth`): not comparable with a whole month. */
  readonly revenueMonthToDate: MonthValue & { readonly throughDay: number; readonly daysInMonth: number };
  /** From the as-of month on; empty when the history is too short to forecast. */
  readonly revenueForecast: ReadonlyArray<ForecastBandPoint>;
  readonly forecastModel: ForecastModelName | null;
  /** Rolling-origin backtest error of that model; null when the history was too short to hold any out. */
  readonly forecastBacktest: ForecastBacktest | null;
  /** 'no_pattern': the model drew the average month because the history held no trend or season. */
  readonly forecastSignal: 'pattern' | 'no_pattern' | 'none';
  /**
   * True while the full model selection runs in a worker: the forecast shown is the last one for
   * these filters (or the quick baseline); the live answer is pushed again when the new one is ready.
   */
  readonly forecastRefreshing: boolean;
  readonly topDeals: ReadonlyArray<TopDeal>;
};

export type FilterOption = { readonly id: string; readonly label: string };
export type ReportFilterOptions = {
  readonly owners: ReadonlyArray<FilterOption>;
  readonly teams: ReadonlyArray<FilterOption>;
  readonly regions: ReadonlyArray<string>;
  readonly products: ReadonlyArray<FilterOption>;
};

/** A quote with the names a customer-facing document prints. */
export type QuoteDocument = {
  readonly quote: Quote;
  readonly accountName: string;
  readonly contactName: string | null;
  readonly opportunityName: string | null;
  readonly ownerName: string;
};

export const REPORT_KINDS = ['pipeline', 'quote', 'service'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Text the page header and footer show; sent by the renderer because only it knows the language. */
const exportIdSchema = z.string().min(1).max(64);
const printLabelsSchema = z.strictObject({ title: z.string().min(1).max(200), page: z.string().min(1).max(40) });

export const exportPdfParamsSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('pipeline'),
    exportId: exportIdSchema,
    filters: dashboardFiltersSchema,
    language: z.enum(['en', 'zh-CN']),
    labels: printLabelsSchema,
  }),
  /** The "Service report": the service dashboard under its filters. */
  z.strictObject({
    kind: z.literal('service'),
    exportId: exportIdSchema,
    filters: serviceDashboardFiltersSchema,
    language: z.enum(['en', 'zh-CN']),
    labels: printLabelsSchema,
  }),
  /** The "Campaign report": the marketing dashboard under its filters and attribution model. */
  z.strictObject({
    kind: z.literal('campaign'),
    exportId: exportIdSchema,
    filters: marketingDashboardFiltersSchema,
    language: z.enum(['en', 'zh-CN']),
    labels: printLabelsSchema,
  }),
  z.strictObject({
    kind: z.literal('quote'),
    exportId: exportIdSchema,
    quoteId: idSchema,
    language: z.enum(['en', 'zh-CN']),
    labels: printLabelsSchema,
  }),
]);
export type ExportPdfParams = z.output<typeof exportPdfParamsSchema>;

export type ExportPdfResult =
  /** Browser host: fetch this same-origin URL (cookie-authenticated, one use) to download the file. */
  | { readonly outcome: 'download'; readonly url: string; readonly fileName: string; readonly pages: number }
  /** Electron: written where the user chose in the save dialog. */
  | { readonly outcome: 'saved'; readonly path: string; readonly pages: number }
  | { readonly outcome: 'cancelled' };

export type ExportProgress = { readonly exportId: string; readonly phase: 'starting' | 'rendering' | 'printing' | 'done' | 'failed' };

export const reportRequests = {
  'reports.salesDashboard': request(z.strictObject({ filters: dashboardFiltersSchema })).returns<SalesDashboard>(),
  'reports.filterOptions': request(z.strictObject({})).returns<ReportFilterOptions>(),
  'reports.quoteDocument': request(z.strictObject({ id: idSchema })).returns<QuoteDocument>(),
  'reports.exportPdf': request(exportPdfParamsSchema).returns<ExportPdfResult>(),
} as const;
