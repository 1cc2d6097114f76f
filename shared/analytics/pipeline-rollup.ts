import { lineItemTotal, type ForecastCategory, type Opportunity } from '../schemas';
import { periodOf, type PeriodKind } from './periods';

/** The fields roll-ups read; anything that has them (a full document or a test fixture) will do. */
export type RollupOpportunity = Pick<
  Opportunity,
  | 'id'
  | 'ownerId'
  | 'teamId'
  | 'accountId'
  | 'stage'
  | 'amount'
  | 'currency'
  | 'probability'
  | 'forecastCategory'
  | 'closeDate'
  | 'lineItems'
>;

export type RollupDimension = 'owner' | 'team' | 'region' | 'product';

export type RollupFilter = {
  readonly ownerIds?: readonly string[];
  readonly teamIds?: readonly string[];
  readonly regions?: readonly string[];
  /** Keeps only the matching line items' value of each deal, so a product view never counts other products. */
  readonly productIds?: readonly string[];
  /** Inclusive `YYYY-MM-DD` bounds on the close date. */
  readonly closeDateFrom?: string;
  readonly closeDateTo?: string;
};

export type RollupOptions = {
  readonly period: PeriodKind;
  readonly filter?: RollupFilter;
  /** Adds a `group` per row (one row per period, currency and group). */
  readonly groupBy?: RollupDimension;
  /** Region lives on the account, so region filters and groups need this map (accountId -> region). */
  readonly accountRegions?: ReadonlyMap<string, string>;
};

/**
 * All sums are integer minor units of `currency`. Rows are split by currency because adding cents to
 * yen is meaningless; converting is the caller's decision (it needs rates we do not own).
 */
export type RollupRow = {
  readonly period: string;
  readonly currency: string;
  readonly group?: string;
  /** Open, not omitted deals (closed ones are in `closed`): sum of amount x probability / 100, rounded once per row. */
  readonly weighted: number;
  readonly commit: number;
  /** Commit + best case, the usual cumulative "best case" call. */
  readonly bestCase: number;
  /** Every open, not omitted deal: pipeline + best case + commit. */
  readonly pipeline: number;
  /** Closed-won value. */
  readonly closed: number;
  /** Raw sums per forecast category of open deals, for drill-downs that want them uncumulated. */
  readonly byCategory: Readonly<Record<ForecastCategory, number>>;
  readonly openCount: number;
  readonly wonCount: number;
};

type MutableRow = {
  period: string;
  currency: string;
  group?: string;
  weightedExact: number;
  byCategory: Record<ForecastCategory, number>;
  closed: number;
  openCount: number;
  wonCount: number;
};

const UNKNOWN_REGION = 'unknown';

export function rollUpPipeline(opportunities: Iterable<RollupOpportunity>, options: RollupOptions): RollupRow[] {
  const f = options.filter ?? {};
  const owners = f.ownerIds ? new Set(f.ownerIds) : undefined;
  const teams = f.teamIds ? new Set(f.teamIds) : undefined;
  const regions = f.regions ? new Set(f.regions) : undefined;
  const products = f.productIds ? new Set(f.productIds) : undefined;
  const rows = new Map<string, MutableRow>();

  for (const opp of opportunities) {
    if (owners && !owners.has(opp.ownerId)) continue;
    if (teams && !teams.has(opp.teamId)) continue;
    if (f.closeDateFrom && opp.closeDate < f.closeDateFrom) continue;
    if (f.closeDateTo && opp.closeDate > f.closeDateTo) continue;
    const region = options.accountRegions?.get(opp.accountId) ?? UNKNOWN_REGION;
    if (regions && !regions.has(region)) continue;

    const period = periodOf(opp.closeDate, options.period);
    for (const [group, amount] of splitByGroup(opp, options.groupBy, region, products)) {
      const key = `${period}|${opp.currency}|${group ?? ''}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          period,
          currency: opp.currency,
          group,
          weightedExact: 0,
          byCategory: emptyCategories(),
          closed: 0,
          openCount: 0,
          wonCount: 0,
        };
        rows.set(key, row);
      }
      addToRow(row, opp, amount);
    }
  }
  return [...rows.values()].sort(compareRows).map(finishRow);
}

/**
 * The value a deal contributes to each group. Without products it is the whole amount; with a
 * product filter or product grouping, each matching line item's total goes to its product.
 */
function splitByGroup(
  opp: RollupOpportunity,
  groupBy: RollupDimension | undefined,
  region: string,
  products: ReadonlySet<string> | undefined,
): Array<[string | undefined, number]> {
  if (groupBy === 'product' || products) {
    const perProduct = new Map<string, number>();
    for (const line of opp.lineItems) {
      if (products && !products.has(line.productId)) continue;
      perProduct.set(line.productId, (perProduct.get(line.productId) ?? 0) + lineItemTotal(line));
    }
    if (groupBy === 'product') return [...perProduct];
    const total = [...perProduct.values()].reduce((a, b) => a + b, 0);
    return perProduct.size === 0 ? [] : [[groupKey(opp, groupBy, region), total]];
  }
  return [[groupKey(opp, groupBy, region), opp.amount]];
}

function groupKey(opp: RollupOpportunity, groupBy: RollupDimension | undefined, region: string): string | undefined {
  switch (groupBy) {
    case 'owner':
      return opp.ownerId;
    case 'team':
      return opp.teamId;
    case 'region':
      return region;
    default:
      return undefined;
  }
}

function addToRow(row: MutableRow, opp: RollupOpportunity, amount: number): void {
  if (opp.stage === 'closed_won') {
    row.closed += amount;
    row.wonCount++;
    return;
  }
  if (opp.stage === 'closed_lost') return;
  row.openCount++;
  // A rep may leave 'closed' on an open deal by mistake; it is still open money, so it counts as commit.
  const category = opp.forecastCategory === 'closed' ? 'commit' : opp.forecastCategory;
  row.byCategory[category] += amount;
  // Omitted means "keep this out of my forecast", and the weighted figure is a forecast too.
  if (category !== 'omitted') row.weightedExact += (amount * opp.probability) / 100;
}

function emptyCategories(): Record<ForecastCategory, number> {
  return { pipeline: 0, best_case: 0, commit: 0, closed: 0, omitted: 0 };
}

function finishRow(row: MutableRow): RollupRow {
  const c = row.byCategory;
  return {
    period: row.period,
    currency: row.currency,
    ...(row.group === undefined ? {} : { group: row.group }),
    weighted: Math.round(row.weightedExact),
    commit: c.commit,
    bestCase: c.commit + c.best_case,
    pipeline: c.commit + c.best_case + c.pipeline,
    closed: row.closed,
    byCategory: { ...c },
    openCount: row.openCount,
    wonCount: row.wonCount,
  };
}

function compareRows(a: MutableRow, b: MutableRow): number {
  return a.period.localeCompare(b.period) || a.currency.localeCompare(b.currency) || (a.group ?? '').localeCompare(b.group ?? '');
}
