import { z } from 'zod';
import { leadSchema, LEAD_SOURCES, LEAD_STATUSES, type Lead } from '../../schemas/leads';
import { currencySchema, idSchema, isoDateSchema, labelSchema, shortLabelSchema } from '../../schemas/primitives';
import { request } from '../define-request';
import { anyOf, CORE_OWNED_FIELDS, sortDirectionSchema, windowShape, type ListWindow, type Stored } from '../paging';
import type { DuplicateCandidateRow, DuplicateMatchReason } from '../customers/duplicates-requests';

/** Fields a client may write; conversion bookkeeping is the core's (only `leads.convert` sets it). */
export const leadValuesSchema = leadSchema
  .omit({
    ...CORE_OWNED_FIELDS,
    convertedAt: true,
    convertedAccountId: true,
    convertedContactId: true,
    convertedOpportunityId: true,
  })
  .extend({ ownerId: idSchema.optional() });
export type LeadValues = z.infer<typeof leadValuesSchema>;

/**
 * `score`: 0..100 from rating, source and completeness (electron/core/sales/lead-score.ts).
 * `mine`: owned by the current user (signed in, or the local user before sign-in).
 */
export type LeadRecord = Stored<Lead> & { readonly score: number; readonly mine: boolean };

/** Optional fields an update may clear (JSON has no `undefined`, so clearing is explicit). */
export const LEAD_CLEARABLE_FIELDS = [
  'firstName',
  'company',
  'title',
  'email',
  'phone',
  'city',
  'country',
  'rating',
  'notes',
  'campaignId',
] as const;

/**
 * What an edit may change: the lead's own fields and its source campaign; status moves through
 * `leads.setStatus`, conversion through `leads.convert`.
 */
export const leadPatchSchema = leadValuesSchema.omit({ status: true }).partial();

/** Why an existing account looks like the lead's company. */
export const DUPLICATE_REASONS = ['name', 'domain', 'phone'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

/** An existing account the lead may belong to, with the evidence. */
export type LeadAccountCandidate = {
  readonly id: string;
  readonly name: string;
  readonly city?: string;
  readonly country?: string;
  readonly domain?: string;
  readonly phone?: string;
  readonly ownerId: string;
  readonly reasons: ReadonlyArray<DuplicateReason>;
  /** The duplicate engine's likelihood (0..1) and evidence, when the engine found it. */
  readonly score?: number;
  readonly matchReasons?: ReadonlyArray<DuplicateMatchReason>;
};

export const LEAD_SORT_FIELDS = ['updatedAt', 'lastName'] as const satisfies ReadonlyArray<keyof Lead>;

export const leadListParamsSchema = z.strictObject({
  filter: z
    .strictObject({
      status: anyOf(z.enum(LEAD_STATUSES)),
      source: anyOf(z.enum(LEAD_SOURCES)),
      ownerId: anyOf(idSchema),
      /** The signed-in (or local) user's leads; the core knows who that is. */
      mine: z.boolean().optional(),
    })
    .default({}),
  sort: z
    .strictObject({ field: z.enum(LEAD_SORT_FIELDS), direction: sortDirectionSchema })
    .default({ field: 'updatedAt', direction: 'desc' }),
  ...windowShape,
});
export type LeadListParams = z.input<typeof leadListParamsSchema>;

/** What a conversion creates; the account may be an existing one instead of a new one. */
export const leadConvertParamsSchema = z.strictObject({
  id: idSchema,
  accountName: labelSchema.min(1).optional(),
  existingAccountId: idSchema.optional(),
  opportunityName: labelSchema.min(1, 'an opportunity needs a name'),
  currency: currencySchema,
  closeDate: isoDateSchema,
  expectedRevision: z.string().min(1).max(100).optional(),
});

export type LeadConverted = {
  readonly lead: LeadRecord;
  readonly accountId: string;
  readonly contactId: string;
  readonly opportunityId: string;
};

export const leadsRequests = {
  'leads.list': request(leadListParamsSchema).returns<ListWindow<Lead> & { readonly rows: ReadonlyArray<LeadRecord> }>(),
  'leads.get': request(z.strictObject({ id: idSchema })).returns<LeadRecord>(),
  'leads.update': request(
    z.strictObject({
      id: idSchema,
      patch: z.strictObject(leadPatchSchema.shape),
      unset: z.array(z.enum(LEAD_CLEARABLE_FIELDS)).max(LEAD_CLEARABLE_FIELDS.length).optional(),
      /** When given, the update fails with `conflict` if the lead changed since this revision. */
      expectedRevision: z.string().min(1).max(100).optional(),
    }),
  ).returns<LeadRecord>(),
  /** Existing accounts that look like the lead's company (same normalised name, e-mail domain or phone). */
  'leads.convertCandidates': request(z.strictObject({ id: idSchema })).returns<{
    readonly candidates: ReadonlyArray<LeadAccountCandidate>;
    /** Existing contacts that look like the lead's person (name, e-mail, phone), likeliest first. */
    readonly contactCandidates: ReadonlyArray<DuplicateCandidateRow>;
  }>(),
  'leads.create': request(z.strictObject({ values: z.strictObject(leadValuesSchema.shape) })).returns<LeadRecord>(),
  /** Qualify or disqualify; a disqualification needs a reason, kept at the top of the notes. */
  'leads.setStatus': request(
    z
      .strictObject({
        id: idSchema,
        status: z.enum(['new', 'working', 'nurturing', 'qualified', 'unqualified']),
        reason: shortLabelSchema.min(1).optional(),
        expectedRevision: z.string().min(1).max(100).optional(),
      })
      .refine((p) => p.status !== 'unqualified' || p.reason !== undefined, {
        message: 'a disqualification needs a reason',
        path: ['reason'],
      }),
  ).returns<LeadRecord>(),
  /** Account + contact + opportunity from one lead, all or nothing. */
  'leads.convert': request(leadConvertParamsSchema).returns<LeadConverted>(),
} as const;
