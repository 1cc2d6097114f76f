import { z } from 'zod';
import { FORECAST_CATEGORIES, OPPORTUNITY_STAGES, type Opportunity, type OpportunityStage } from '../../schemas/opportunities';
import { idSchema, isoDateSchema, labelSchema, percentSchema, shortLabelSchema, wholePercentSchema } from '../../schemas/primitives';
import { request } from '../define-request';
import { anyOf, sortDirectionSchema, windowShape, type ListWindow, type Stored } from '../paging';

export type OpportunityRecord = Stored<Opportunity>;
/** A deal as lists and the board show it: the record plus its account's name (absent when the account is not here). */
export type OpportunityRow = Opportunity & { readonly accountName?: string };
export type OpportunityCard = Stored<OpportunityRow>;

/** One board column: the first `perStage` cards by close date, with the count and totals of every deal the filters keep. */
export type BoardColumn = {
  readonly stage: OpportunityStage;
  readonly count: number;
  /** Sum of amounts per currency (minor units), most deals first; mixed currencies are never added together. */
  readonly totals: ReadonlyArray<{ readonly currency: string; readonly amount: number; readonly count: number }>;
  readonly cards: ReadonlyArray<OpportunityCard>;
};

/**
 * Who and when, shared by the list and the board. `mine` is the signed-in rep (the core knows who
 * that is); with `ownerId` too, both apply. Amounts are minor units compared in each deal's own currency.
 */
const scopeShape = {
  ownerId: anyOf(idSchema),
  mine: z.boolean().optional(),
  teamId: anyOf(idSchema),
  closeFrom: isoDateSchema.optional(),
  closeTo: isoDateSchema.optional(),
} as const;
export const opportunityFilterSchema = z.strictObject({
  ...scopeShape,
  stage: anyOf(z.enum(OPPORTUNITY_STAGES)),
  accountId: anyOf(idSchema),
  amountMin: z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  amountMax: z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type OpportunityFilter = z.input<typeof opportunityFilterSchema>;

export const OPPORTUNITY_SORT_FIELDS = ['closeDate', 'amount', 'name', 'updatedAt'] as const satisfies ReadonlyArray<keyof Opportunity>;

const revision = z.string().min(1).max(100).optional();

/** A line as the rep picks it: the core prices it from the price book when no unit price is given. */
export const lineInputSchema = z.strictObject({
  productId: idSchema,
  quantity: z.number().min(0).max(1_000_000),
  discountPercent: percentSchema.default(0),
  unitPrice: z.int().min(0).max(1_000_000_000_000_000).optional(),
});
export type LineInput = z.input<typeof lineInputSchema>;

/** Where a new deal came from: a product the insight panel suggested, or a rep's own pick. */
export const OPPORTUNITY_CREATE_SOURCES = ['recommendation', 'manual'] as const;

/** A line of a new deal: the core prices it from the standard price book in the account's currency. */
export const createLineSchema = z.strictObject({
  productId: idSchema,
  quantity: z.number().positive('must be more than 0').max(1_000_000),
});

/** `YYYY-MM-DD` that names a real day (no 30 February). */
function isCalendarDay(value: string): boolean {
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

export const opportunitiesRequests = {
  /**
   * A new deal for an existing account, owned by the acting user: the account's currency, standard
   * prices, the first open stage with its default probability and forecast category. The caller
   * picks the close date (the insight panel: 90 days ahead).
   */
  'opportunities.create': request(
    z.strictObject({
      accountId: idSchema,
      name: labelSchema.trim().min(1, 'an opportunity needs a name'),
      closeDate: isoDateSchema.refine(isCalendarDay, 'must be a day of the calendar'),
      lines: z.array(createLineSchema).min(1, 'a new opportunity needs at least one product').max(50),
      source: z.enum(OPPORTUNITY_CREATE_SOURCES).optional(),
    }),
  ).returns<OpportunityRecord>(),
  /**
   * Open columns hold deals closing within closeFrom..closeTo (all open deals without them); the
   * Won and Lost columns only those closed within closedFrom..closedTo (default: this quarter).
   */
  'opportunities.board': request(
    z.strictObject({
      ...scopeShape,
      closedFrom: isoDateSchema.optional(),
      closedTo: isoDateSchema.optional(),
      perStage: z.int().min(1).max(500).default(50),
    }),
  ).returns<ReadonlyArray<BoardColumn>>(),
  'opportunities.list': request(
    z.strictObject({
      filter: opportunityFilterSchema.default({}),
      sort: z
        .strictObject({ field: z.enum(OPPORTUNITY_SORT_FIELDS), direction: sortDirectionSchema })
        .default({ field: 'closeDate', direction: 'asc' }),
      ...windowShape,
    }),
  ).returns<ListWindow<OpportunityRow>>(),
  'opportunities.get': request(z.strictObject({ id: idSchema })).returns<OpportunityRecord>(),
  /** Appends to the stage history and resets probability + forecast category to the stage defaults. */
  'opportunities.moveStage': request(
    z.strictObject({
      id: idSchema,
      stage: z.enum(OPPORTUNITY_STAGES),
      lossReason: shortLabelSchema.min(1).optional(),
      expectedRevision: revision,
    }),
  ).returns<OpportunityRecord>(),
  'opportunities.update': request(
    z.strictObject({
      id: idSchema,
      patch: z.strictObject({
        name: labelSchema.min(1).optional(),
        probability: wholePercentSchema.optional(),
        forecastCategory: z.enum(FORECAST_CATEGORIES).optional(),
        closeDate: isoDateSchema.optional(),
        nextStep: z.string().max(500).optional(),
        /** The campaign the deal came from (attribution's source touch); null clears it. */
        campaignId: idSchema.nullable().optional(),
        /** Replaces all line items; the amount becomes their total. */
        lines: z.array(lineInputSchema).max(500).optional(),
      }),
      expectedRevision: revision,
    }),
  ).returns<OpportunityRecord>(),
} as const;
