import { z } from 'zod';
import { idSchema } from '../../schemas/primitives';
import { request } from '../define-request';
import { accountTimelineRequests } from './account-timeline-requests';

/** Money summed per currency: opportunities carry their own currency and there is no FX rate offline. */
export type MoneyTotal = { readonly currency: string; readonly amount: number };

export type MoneyFigure = {
  /** How many records went into the sum. */
  readonly count: number;
  /** The account's currency first (always present, 0 when empty), then any others. */
  readonly totals: ReadonlyArray<MoneyTotal>;
};

/** The key figures in the account header, computed by the core from its indexes. */
export type AccountSummary = {
  readonly accountId: string;
  readonly currency: string;
  /** Opportunities not closed (won or lost). */
  readonly openPipeline: MoneyFigure;
  /** Opportunities won with a close date in `year`. */
  readonly wonThisYear: MoneyFigure;
  readonly year: number;
  /** Cases not resolved or closed. */
  readonly openCases: number;
  readonly contacts: number;
  /** Latest completed call, visit, meeting or note (epoch ms); absent when there is none. */
  readonly lastContactAt?: number;
};

export const accountSummaryRequests = {
  'accounts.summary': request(
    z.strictObject({
      id: idSchema,
      /** The renderer's calendar year, so "this year" follows the rep's time zone rather than the core's. */
      year: z.int().min(1970).max(2100).optional(),
    }),
  ).returns<AccountSummary>(),
  ...accountTimelineRequests,
} as const;
