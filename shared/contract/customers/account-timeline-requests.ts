import { z } from 'zod';
import type { Activity } from '../../schemas/activities';
import type { CASE_PRIORITIES } from '../../schemas/cases';
import type { OutboxStatus } from '../../schemas/marketing';
import type { OpportunityStage } from '../../schemas/opportunities';
import { idSchema } from '../../schemas/primitives';
import { request } from '../define-request';
import { MAX_WINDOW, type Stored } from '../paging';

/** One deal as the account and contact pages list it: what a rep reads in a row, no line items. */
export type AccountDeal = {
  readonly id: string;
  readonly name: string;
  readonly stage: OpportunityStage;
  /** Minor units of `currency`. */
  readonly amount: number;
  readonly currency: string;
  readonly closeDate: string;
  readonly ownerId: string;
  readonly primaryContactId?: string;
};

export type AccountDeals = {
  /** Not won or lost yet, soonest close date first. */
  readonly open: ReadonlyArray<AccountDeal>;
  /** Won or lost, latest close date first, at most `closedLimit`. */
  readonly closed: ReadonlyArray<AccountDeal>;
  readonly closedTotal: number;
};

type EntryBase = { readonly id: string; readonly at: number };

/**
 * One line of a customer's history. Activities come whole (the timeline shows their text); the
 * other kinds are events derived from a record's own dates: a deal's creation and close, a quote's
 * sending and acceptance, a case's opening and resolution.
 */
export type TimelineEntry =
  | (EntryBase & { readonly kind: 'activity'; readonly activity: Stored<Activity> })
  | (EntryBase & {
      readonly kind: 'deal';
      readonly event: 'created' | 'won' | 'lost';
      readonly dealId: string;
      readonly name: string;
      readonly amount: number;
      readonly currency: string;
    })
  | (EntryBase & {
      readonly kind: 'quote';
      readonly event: 'sent' | 'accepted';
      readonly quoteId: string;
      readonly opportunityId: string;
      readonly quoteNumber: string;
      readonly version: number;
      readonly total: number;
      readonly currency: string;
    })
  | (EntryBase & {
      readonly kind: 'case';
      readonly event: 'opened' | 'resolved';
      readonly caseId: string;
      readonly caseNumber: string;
      readonly subject: string;
      readonly priority: (typeof CASE_PRIORITIES)[number];
    })
  | (EntryBase & {
      readonly kind: 'email';
      readonly messageId: string;
      readonly subject: string;
      readonly status: OutboxStatus;
      readonly opportunityId?: string;
      readonly campaignId?: string;
    });

export type TimelineKind = TimelineEntry['kind'];

export type AccountTimeline = {
  /** Newest first; ties keep a fixed order (by id) so a live update never reshuffles equal times. */
  readonly entries: ReadonlyArray<TimelineEntry>;
  /** Entries in the whole history, across all kinds. */
  readonly total: number;
};

const limitSchema = z.int().min(1).max(MAX_WINDOW);

export const accountTimelineRequests = {
  /**
   * The account's deals. With `contactId`, only those whose primary contact is that person (the
   * contact page's "deals"); read through the account's index either way.
   */
  'accounts.deals': request(
    z.strictObject({ id: idSchema, contactId: idSchema.optional(), closedLimit: limitSchema.default(10) }),
  ).returns<AccountDeals>(),
  /**
   * Done activities, deals, quotes and cases of one account on one timeline. With `contactId`, only
   * what involves that contact: activities with them, deals and quotes naming them, their cases.
   */
  'accounts.timeline': request(
    z.strictObject({ id: idSchema, contactId: idSchema.optional(), limit: limitSchema.default(20) }),
  ).returns<AccountTimeline>(),
} as const;
