import { z } from 'zod';
import { QUOTA_PERIODS, type Quota } from '../../schemas/org';
import { currencySchema, idSchema, isoDateSchema, nonNegativeMoneySchema } from '../../schemas/primitives';
import { request } from '../define-request';
import type { Stored } from '../paging';

export type QuotaRecord = Stored<Quota>;

/**
 * Who may change company reference data (catalogue) and quotas on this device: managers and
 * admins when signed in; when not signed in the device has one user, who may (`local`).
 */
export type EditAccess = {
  readonly canEdit: boolean;
  readonly role: 'local' | 'rep' | 'manager' | 'admin';
  /** The signed-in manager's team (quotas are set for its reps only); null when not limited to one team. */
  readonly teamId: string | null;
};

/** One rep's row of the quota sheet for a period. */
export type QuotaRow = {
  readonly userId: string;
  readonly name: string;
  readonly teamId: string;
  readonly teamName: string | null;
  readonly quota: QuotaRecord | null;
  /** Quarter sheets only: the rep's month quotas inside the quarter, per currency (the dashboard adds them to the quarter's quota). */
  readonly monthQuotas: ReadonlyArray<{ readonly currency: string; readonly amount: number }>;
};

const periodShape = {
  period: z.enum(QUOTA_PERIODS),
  /** The first day of the month or quarter. */
  periodStart: isoDateSchema,
};

/** True when `date` is the first day of a month (or of a quarter: January, April, July, October). */
export function isPeriodStart(period: (typeof QUOTA_PERIODS)[number], date: string): boolean {
  const month = Number(date.slice(5, 7));
  return date.endsWith('-01') && (period === 'month' || (month - 1) % 3 === 0);
}

const periodStartCheck = (p: { period: (typeof QUOTA_PERIODS)[number]; periodStart: string }) => isPeriodStart(p.period, p.periodStart);
const periodStartIssue = { message: 'periodStart must be the first day of the month or quarter', path: ['periodStart'] };

export const quotaRequests = {
  'org.access': request(z.strictObject({})).returns<EditAccess>(),
  /** Every active rep this user may set quotas for (or see), with the quota of one period if set. */
  'quotas.forPeriod': request(z.strictObject(periodShape).refine(periodStartCheck, periodStartIssue)).returns<{
    readonly rows: ReadonlyArray<QuotaRow>;
  }>(),
  /** Sets one rep's quota for a period (amount in minor units). Managers for their team's reps, admins for all. */
  'quotas.set': request(
    z
      .strictObject({
        userId: idSchema,
        ...periodShape,
        currency: currencySchema,
        amount: nonNegativeMoneySchema,
        expectedRevision: z.string().min(1).max(100).optional(),
      })
      .refine(periodStartCheck, periodStartIssue),
  ).returns<QuotaRecord>(),
} as const;
