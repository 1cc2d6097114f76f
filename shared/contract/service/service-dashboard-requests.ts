import { z } from 'zod';
import { CASE_PRIORITIES, type CasePriority, type CaseStatus } from '../../schemas/cases';
import { idSchema } from '../../schemas/primitives';
import { request } from '../define-request';
import type { CsatFigure, NpsFigure } from './surveys-requests';

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month looks like 2025-06');

/** Same shape and behaviour as the sales dashboard's filters: absent fields mean "all". */
export const serviceDashboardFiltersSchema = z.strictObject({
  ownerId: idSchema.optional(),
  teamId: idSchema.optional(),
  priority: z.enum(CASE_PRIORITIES).optional(),
  /** Inclusive month bounds for the period figures (opened/resolved/answered in the period); default: the last 12 months. */
  from: monthSchema.optional(),
  to: monthSchema.optional(),
});
export type ServiceDashboardFilters = z.input<typeof serviceDashboardFiltersSchema>;

export type WeekPoint = { readonly week: string };
/** Business minutes: median and 90th percentile; null without cases. */
export type DurationFigure = { readonly medianMinutes: number | null; readonly p90Minutes: number | null; readonly count: number };

export type ServiceDashboard = {
  readonly asOf: string;
  readonly totals: {
    readonly open: number;
    readonly breachedOpen: number;
    readonly atRiskOpen: number;
    readonly openedInPeriod: number;
    readonly resolvedInPeriod: number;
    /** Share of cases resolved in the period that met both targets, 0..1; null without any. */
    readonly slaAttainment: number | null;
    readonly firstResponse: DurationFigure;
    readonly resolution: DurationFigure;
    readonly csat: CsatFigure;
    readonly nps: NpsFigure;
  };
  readonly openByPriority: ReadonlyArray<{ readonly priority: CasePriority; readonly count: number }>;
  readonly openByStatus: ReadonlyArray<{ readonly status: CaseStatus; readonly count: number }>;
  /** Open cases at the end of each week of the period. */
  readonly backlog: ReadonlyArray<WeekPoint & { readonly open: number; readonly opened: number; readonly resolved: number }>;
  /** By week of resolution. */
  readonly slaByWeek: ReadonlyArray<
    WeekPoint & { readonly resolved: number; readonly met: number; readonly breached: number; readonly attainment: number | null }
  >;
  readonly csatByMonth: ReadonlyArray<{ readonly month: string } & CsatFigure>;
  readonly npsByMonth: ReadonlyArray<{ readonly month: string } & NpsFigure>;
  readonly topCategories: ReadonlyArray<{ readonly category: string; readonly count: number }>;
};

export const serviceDashboardRequests = {
  'service.dashboard': request(z.strictObject({ filters: serviceDashboardFiltersSchema })).returns<ServiceDashboard>(),
} as const;
