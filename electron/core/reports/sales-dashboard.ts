import { meanForecaster, seasonalNaiveForecaster } from '../../../shared/analytics/baseline-forecasters';
import type { ForecastModelName, ForecastResult } from '../../../shared/analytics/forecast-types';
import { monthIndex, monthKeyOfIndex, periodOf } from '../../../shared/analytics/periods';
import { rollUpPipeline, type RollupFilter, type RollupOpportunity } from '../../../shared/analytics/pipeline-rollup';
import { selectAndForecast } from '../../../shared/analytics/select-forecast';
import type {
  CategoryPeriod,
  DashboardFilters,
  ForecastBacktest,
  ForecastBandPoint,
  SalesDashboard,
  StageFigure,
  TopDeal,
  WinRatePoint,
} from '../../../shared/contract/reports/report-requests';
import { lineItemTotal, OPPORTUNITY_STAGES, type Opportunity, type OpportunityStage } from '../../../shared/schemas';

/** The fields the dashboard reads; the loader projects documents to this. */
export type DashboardOpportunity = RollupOpportunity & Pick<Opportunity, 'name' | 'closedAt' | 'createdAt' | 'stageHistory'>;
export type DashboardQuota = {
  readonly userId: string;
  readonly teamId: string;
  readonly period: 'month' | 'quarter';
  readonly periodStart: string;
  readonly currency: string;
  readonly amount: number;
};

export type DashboardInput = {
  readonly opportunities: ReadonlyArray<DashboardOpportunity>;
  readonly quotas: ReadonlyArray<DashboardQuota>;
  readonly accountNames: ReadonlyMap<string, string>;
  readonly accountRegions: ReadonlyMap<string, string>;
  readonly userNames: ReadonlyMap<string, string>;
  readonly filters: DashboardFilters;
  /** `YYYY-MM-DD`. */
  readonly asOf: string;
  /** The worker's full model selection for this history, when ready; otherwise the quick baselines run here. */
  readonly revenueForecast?: RevenueForecastView;
  readonly forecastRefreshing?: boolean;
};

export type RevenueForecastView = {
  readonly points: ForecastBandPoint[];
  readonly model: ForecastModelName | null;
  readonly backtest: ForecastBacktest | null;
};

/** Models that draw the average month: the history held no trend or season they could use. */
const NO_PATTERN_MODELS: ReadonlySet<ForecastModelName> = new Set(['mean', 'croston_sba']);

const OPEN_STAGES = OPPORTUNITY_STAGES.filter((stage) => stage !== 'closed_won' && stage !== 'closed_lost');
const FUNNEL_STAGES: readonly OpportunityStage[] = [...OPEN_STAGES, 'closed_won'];
const HISTORY_MONTHS = 24;
export const FORECAST_MONTHS = 6;
const TOP_DEALS = 10;
const DAY_MS = 86_400_000;

export function computeSalesDashboard(input: DashboardInput): SalesDashboard {
  const { filters } = input;
  // Owner/team/region/product narrow everything; currency and period are applied per figure below.
  const scoped = input.opportunities.filter((opp) => matchesScope(opp, filters, input.accountRegions));
  const currencies = currenciesByUse(scoped);
  const currency = filters.currency ?? currencies[0] ?? 'USD';
  const inCurrency = scoped.filter((opp) => opp.currency === currency);
  const valueOf = (opp: DashboardOpportunity): number => productValue(opp, filters.productId);
  const from = filters.from ? `${filters.from}-01` : undefined;
  const to = filters.to ? `${filters.to}-31` : undefined;
  const inPeriod = inCurrency.filter((opp) => (!from || opp.closeDate >= from) && (!to || opp.closeDate <= to));
  const open = inPeriod.filter((opp) => isOpen(opp.stage));

  const rollupFilter: RollupFilter = {
    ...(filters.productId ? { productIds: [filters.productId] } : {}),
    ...(from ? { closeDateFrom: from } : {}),
    ...(to ? { closeDateTo: to } : {}),
  };
  const months = rollUpPipeline(inCurrency, { period: 'month', filter: rollupFilter }).filter((row) => row.currency === currency);
  // Quarters are the months' integer sums: a second roll-up would read every deal again.
  const quarters = foldIntoQuarters(months);

  const asOfMonth = monthIndex(input.asOf);
  const historyStart = asOfMonth - HISTORY_MONTHS + 1;
  const quotaByQuarter = sumQuotas(input.quotas, filters, currency);
  const forecastByQuarter: CategoryPeriod[] = quarters
    .filter((row) => row.pipeline > 0 || row.closed > 0)
    .filter((row) => filters.from !== undefined || row.period >= periodOf(input.asOf, 'quarter'))
    .slice(0, 8)
    .map((row) => ({
      period: row.period,
      commit: row.commit,
      bestCase: row.bestCase,
      pipeline: row.pipeline,
      closed: row.closed,
      quota: quotaByQuarter.get(row.period) ?? null,
    }));

  // The current month has barely started: it is shown as month-to-date beside its forecast,
  // never as one more actual month, and the forecast learns from complete months only.
  const lastComplete = asOfMonth - 1;
  const closedInHistory = inCurrency.filter(
    (opp) => !isOpen(opp.stage) && monthIndex(opp.closeDate) >= historyStart && monthIndex(opp.closeDate) <= asOfMonth,
  );
  const winRateByMonth = winRates(closedInHistory, historyStart, asOfMonth);
  const wonInHistory = inCurrency.filter(
    (opp) => opp.stage === 'closed_won' && monthIndex(opp.closeDate) >= historyStart - 1 && monthIndex(opp.closeDate) <= asOfMonth,
  );
  const revenueHistory = monthSeries(
    historyStart - 1,
    lastComplete,
    wonInHistory.filter((opp) => monthIndex(opp.closeDate) <= lastComplete),
    valueOf,
  );
  const monthToDate = sum(
    wonInHistory.filter((opp) => monthIndex(opp.closeDate) === asOfMonth),
    valueOf,
  );
  const forecast =
    input.revenueForecast ??
    forecastRevenue(
      revenueHistory.map((point) => point.value),
      lastComplete,
    );

  const won = inPeriod.filter((opp) => opp.stage === 'closed_won');
  const lost = inPeriod.filter((opp) => opp.stage === 'closed_lost');
  const quotaTotal = forecastByQuarter.reduce<number | null>((sum, row) => (row.quota === null ? sum : (sum ?? 0) + row.quota), null);
  return {
    asOf: input.asOf,
    currency,
    currencies,
    totals: {
      openPipeline: sum(open, valueOf),
      openCount: open.length,
      weighted: Math.round(open.reduce((total, opp) => total + (valueOf(opp) * opp.probability) / 100, 0)),
      commit: sum(
        open.filter((opp) => opp.forecastCategory === 'commit'),
        valueOf,
      ),
      bestCase: sum(
        open.filter((opp) => opp.forecastCategory === 'commit' || opp.forecastCategory === 'best_case'),
        valueOf,
      ),
      closedWon: sum(won, valueOf),
      wonCount: won.length,
      winRate: won.length + lost.length === 0 ? null : won.length / (won.length + lost.length),
      avgCycleDays: averageCycleDays(won),
      quota: quotaTotal,
    },
    byStage: OPEN_STAGES.map((stage) =>
      figure(
        stage,
        open.filter((opp) => opp.stage === stage),
        valueOf,
      ),
    ),
    funnel: funnel(inPeriod, valueOf),
    weightedByMonth: months
      .filter((row) => row.pipeline > 0)
      .map((row) => ({ period: row.period, value: row.weighted, pipeline: row.pipeline })),
    forecastByQuarter,
    winRateByMonth,
    revenueHistory,
    revenueMonthToDate: {
      period: monthKeyOfIndex(asOfMonth),
      value: monthToDate,
      throughDay: Number(input.asOf.slice(8, 10)),
      daysInMonth: daysInMonth(input.asOf),
    },
    revenueForecast: forecast.points,
    forecastModel: forecast.model,
    forecastBacktest: forecast.backtest,
    forecastSignal: forecast.model === null ? 'none' : NO_PATTERN_MODELS.has(forecast.model) ? 'no_pattern' : 'pattern',
    forecastRefreshing: input.forecastRefreshing ?? false,
    topDeals: topDeals(open, valueOf, input),
  };
}

/**
 * Monthly closed-won revenue under the dashboard's filters, from the first win to the last complete
 * month before the as-of date: the whole history, not the chart's 24 months, because seasonal
 * models need three years; the running month would read as a collapse.
 */
export function revenueSeries(
  input: DashboardInput,
): { readonly values: number[]; readonly startPeriod: string; readonly lastMonth: number } | null {
  const { filters } = input;
  const scoped = input.opportunities.filter((opp) => matchesScope(opp, filters, input.accountRegions));
  const currency = filters.currency ?? currenciesByUse(scoped)[0] ?? 'USD';
  const lastMonth = monthIndex(input.asOf) - 1;
  const won = scoped.filter((opp) => opp.currency === currency && opp.stage === 'closed_won' && monthIndex(opp.closeDate) <= lastMonth);
  if (won.length === 0) return null;
  const first = won.reduce((min, opp) => Math.min(min, monthIndex(opp.closeDate)), lastMonth);
  const values = monthSeries(first, lastMonth, won, (opp) => productValue(opp, filters.productId)).map((point) => point.value);
  return { values, startPeriod: monthKeyOfIndex(first), lastMonth };
}

function matchesScope(opp: DashboardOpportunity, filters: DashboardFilters, regions: ReadonlyMap<string, string>): boolean {
  if (filters.ownerId && opp.ownerId !== filters.ownerId) return false;
  if (filters.teamId && opp.teamId !== filters.teamId) return false;
  if (filters.region && regions.get(opp.accountId) !== filters.region) return false;
  if (filters.productId && !opp.lineItems.some((line) => line.productId === filters.productId)) return false;
  return true;
}

/** With a product filter a deal counts only its lines of that product, as the roll-ups do. */
function productValue(opp: DashboardOpportunity, productId: string | undefined): number {
  if (!productId) return opp.amount;
  return opp.lineItems.filter((line) => line.productId === productId).reduce((total, line) => total + lineItemTotal(line), 0);
}

function currenciesByUse(opps: ReadonlyArray<DashboardOpportunity>): string[] {
  const counts = new Map<string, number>();
  for (const opp of opps) counts.set(opp.currency, (counts.get(opp.currency) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([currency]) => currency);
}

const isOpen = (stage: OpportunityStage): boolean => stage !== 'closed_won' && stage !== 'closed_lost';
const sum = (opps: ReadonlyArray<DashboardOpportunity>, valueOf: (opp: DashboardOpportunity) => number): number =>
  opps.reduce((total, opp) => total + valueOf(opp), 0);

function figure(
  stage: OpportunityStage,
  opps: ReadonlyArray<DashboardOpportunity>,
  valueOf: (opp: DashboardOpportunity) => number,
): StageFigure {
  return { stage, amount: sum(opps, valueOf), count: opps.length };
}

/**
 * Deals that reached each stage: a deal reached a stage if it is there now, passed through it, or
 * went past it (a skipped stage still counts as passed). One pass, each deal counted up to its furthest stage.
 */
function funnel(opps: ReadonlyArray<DashboardOpportunity>, valueOf: (opp: DashboardOpportunity) => number): StageFigure[] {
  const amounts = new Array<number>(FUNNEL_STAGES.length).fill(0);
  const counts = new Array<number>(FUNNEL_STAGES.length).fill(0);
  for (const opp of opps) {
    const furthest = furthestStage(opp);
    const value = valueOf(opp);
    for (let rank = 0; rank <= furthest; rank++) {
      amounts[rank]! += value;
      counts[rank]!++;
    }
  }
  return FUNNEL_STAGES.map((stage, rank) => ({ stage, amount: amounts[rank]!, count: counts[rank]! }));
}

/** Rank in FUNNEL_STAGES of the furthest stage a deal reached; a lost deal without history entered at the first. */
function furthestStage(opp: DashboardOpportunity): number {
  // Only a won deal reaches 'closed_won'; history entries of it count as the last open stage's successor.
  const rankOf = (stage: OpportunityStage): number =>
    stage === 'closed_won' ? OPEN_STAGES.length : OPEN_STAGES.indexOf(stage as (typeof OPEN_STAGES)[number]);
  let furthest = Math.max(0, rankOf(opp.stage));
  for (const change of opp.stageHistory) furthest = Math.max(furthest, rankOf(change.stage));
  return opp.stage === 'closed_won' ? furthest : Math.min(furthest, OPEN_STAGES.length - 1);
}

function daysInMonth(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function closeMs(opp: DashboardOpportunity): number {
  return opp.closedAt ?? Date.parse(`${opp.closeDate}T00:00:00Z`);
}

function averageCycleDays(won: ReadonlyArray<DashboardOpportunity>): number | null {
  if (won.length === 0) return null;
  const days = won.reduce((total, opp) => total + Math.max(0, closeMs(opp) - opp.createdAt) / DAY_MS, 0);
  return Math.round((days / won.length) * 10) / 10;
}

function winRates(closed: ReadonlyArray<DashboardOpportunity>, start: number, end: number): WinRatePoint[] {
  // Bucketed in one pass: filtering the closed deals once per month would read them 24 times.
  const byMonth = Array.from({ length: end - start + 1 }, () => ({ won: [] as DashboardOpportunity[], lost: 0 }));
  for (const opp of closed) {
    const bucket = byMonth[monthIndex(opp.closeDate) - start];
    if (!bucket) continue;
    if (opp.stage === 'closed_won') bucket.won.push(opp);
    else bucket.lost++;
  }
  return byMonth.map(({ won, lost }, offset) => ({
    period: monthKeyOfIndex(start + offset),
    won: won.length,
    lost,
    winRate: won.length + lost === 0 ? null : won.length / (won.length + lost),
    avgCycleDays: averageCycleDays(won),
  }));
}

function monthSeries(
  start: number,
  end: number,
  opps: ReadonlyArray<DashboardOpportunity>,
  valueOf: (opp: DashboardOpportunity) => number,
): Array<{ period: string; value: number }> {
  const values = new Array<number>(end - start + 1).fill(0);
  for (const opp of opps) values[monthIndex(opp.closeDate) - start]! += valueOf(opp);
  return values.map((value, offset) => ({ period: monthKeyOfIndex(start + offset), value }));
}

/**
 * The cheap baselines of the model selection, run inline: the first answer for filters the worker
 * has not forecast yet (and the only one in hosts without a worker pool), since a dashboard must
 * answer in milliseconds.
 */
function forecastRevenue(history: readonly number[], lastMonth: number): RevenueForecastView {
  if (history.every((value) => value === 0)) return { points: [], model: null, backtest: null };
  const result = selectAndForecast(history, {
    horizon: FORECAST_MONTHS,
    candidates: [meanForecaster, seasonalNaiveForecaster],
    labelPeriod: (step) => monthKeyOfIndex(lastMonth + step),
  });
  return toForecastView(result, lastMonth, history);
}

/**
 * Whole minor units, never below zero (revenue), each month labelled. The backtest's mean absolute
 * error is also given as a share of a typical recent month, which a reader can picture.
 */
export function toForecastView(result: ForecastResult, lastMonth: number, history: readonly number[]): RevenueForecastView {
  if (result.model === 'zero') return { points: [], model: null, backtest: null };
  const clamp = (value: number): number => Math.max(0, Math.round(value));
  const recent = history.slice(-12);
  const typicalMonth = recent.length === 0 ? 0 : recent.reduce((total, value) => total + value, 0) / recent.length;
  const error = result.backtestError;
  return {
    model: result.model,
    backtest: error ? { smape: error.smape, mase: error.mase, errorShare: typicalMonth > 0 ? error.mae / typicalMonth : null } : null,
    points: result.points.map((point) => ({
      period: point.period ?? monthKeyOfIndex(lastMonth + point.step),
      mean: clamp(point.mean),
      lower80: clamp(point.lower80),
      upper80: clamp(point.upper80),
      lower95: clamp(point.lower95),
      upper95: clamp(point.upper95),
    })),
  };
}

type QuarterRow = { period: string; commit: number; bestCase: number; pipeline: number; closed: number };

function foldIntoQuarters(months: ReadonlyArray<QuarterRow>): QuarterRow[] {
  const byQuarter = new Map<string, QuarterRow>();
  for (const row of months) {
    const period = periodOf(`${row.period}-01`, 'quarter');
    const sum = byQuarter.get(period) ?? { period, commit: 0, bestCase: 0, pipeline: 0, closed: 0 };
    sum.commit += row.commit;
    sum.bestCase += row.bestCase;
    sum.pipeline += row.pipeline;
    sum.closed += row.closed;
    byQuarter.set(period, sum);
  }
  return [...byQuarter.values()];
}

/** Quotas of the filtered reps, month quotas folded into their quarter. Other currencies are skipped (no FX offline). */
function sumQuotas(quotas: ReadonlyArray<DashboardQuota>, filters: DashboardFilters, currency: string): Map<string, number> {
  const byQuarter = new Map<string, number>();
  for (const quota of quotas) {
    if (quota.currency !== currency) continue;
    if (filters.ownerId && quota.userId !== filters.ownerId) continue;
    if (filters.teamId && quota.teamId !== filters.teamId) continue;
    const quarter = periodOf(quota.periodStart, 'quarter');
    byQuarter.set(quarter, (byQuarter.get(quarter) ?? 0) + quota.amount);
  }
  return byQuarter;
}

function topDeals(
  open: ReadonlyArray<DashboardOpportunity>,
  valueOf: (opp: DashboardOpportunity) => number,
  input: DashboardInput,
): TopDeal[] {
  const order = (a: DashboardOpportunity, b: DashboardOpportunity): number =>
    valueOf(b) - valueOf(a) || a.closeDate.localeCompare(b.closeDate) || a.id.localeCompare(b.id);
  // The ten largest in one pass: sorting every open deal would cost far more than the ten rows.
  const top: DashboardOpportunity[] = [];
  for (const opp of open) {
    if (top.length === TOP_DEALS && order(opp, top[TOP_DEALS - 1]!) >= 0) continue;
    top.push(opp);
    top.sort(order);
    if (top.length > TOP_DEALS) top.pop();
  }
  return top.map((opp) => ({
    id: opp.id,
    name: opp.name,
    accountName: input.accountNames.get(opp.accountId) ?? '—',
    ownerName: input.userNames.get(opp.ownerId) ?? opp.ownerId,
    stage: opp.stage,
    amount: valueOf(opp),
    probability: opp.probability,
    closeDate: opp.closeDate,
  }));
}
