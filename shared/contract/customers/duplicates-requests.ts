import { z } from 'zod';
import { idSchema, shortLabelSchema } from '../../schemas/primitives';
import { request } from '../define-request';
import { MAX_OFFSET } from '../paging';

/**
 * Duplicate accounts and contacts: warnings while a record is typed (create forms, lead
 * conversion, CSV import preview), a queue of likely pairs, and a merge that picks each field from
 * one side, moves every child record to the survivor and keeps the loser as a tombstone.
 *
 * The tombstone is the loser soft-deleted (it syncs like any delete) with `mergedIntoId` = the
 * survivor and the data an undo needs. A device that opens the loser's id gets `not_found` with
 * `reason: 'merged'` and `reasonParams: { survivorId }` from accounts.get / contacts.get, and
 * follows to the survivor. Children that arrive later pointing at the loser (written offline on
 * another device) are re-pointed to the survivor by the core when they arrive.
 *
 * "Not duplicates" (duplicates.dismiss) is stored on the record with the smaller id of the pair
 * (`notDuplicateOf`), so it syncs with the record and every device's queue drops the pair.
 */
export const DUPLICATE_ENTITIES = ['account', 'contact'] as const;
export type DuplicateEntity = (typeof DUPLICATE_ENTITIES)[number];

/** Why two records look like one; the UI translates each (duplicates.reasons.<reason>). */
export const DUPLICATE_MATCH_REASONS = [
  'same_email',
  'same_phone',
  'same_domain',
  'same_name',
  'similar_name',
  'same_city',
  'same_account',
] as const;
export type DuplicateMatchReason = (typeof DUPLICATE_MATCH_REASONS)[number];

/** At most this many candidates per warning: a warning lists a few, more would be a search. */
export const MAX_DUPLICATE_CANDIDATES = 10;

/**
 * The fields a merge chooses between, per entity, in the order the merge screen lists them. Every
 * other field (id, timestamps, team, server bookkeeping) is the survivor's.
 */
export const ACCOUNT_MERGE_FIELDS = [
  'name',
  'status',
  'tier',
  'region',
  'industry',
  'domain',
  'website',
  'phone',
  'email',
  'street',
  'city',
  'postalCode',
  'state',
  'country',
  'annualRevenue',
  'employees',
  'currency',
  'parentAccountId',
  'ownerId',
  'notes',
  'tags',
] as const;
export const CONTACT_MERGE_FIELDS = [
  'firstName',
  'lastName',
  'accountId',
  'title',
  'department',
  'email',
  'phone',
  'mobile',
  'city',
  'country',
  'preferredLanguage',
  'isPrimary',
  'doNotContact',
  'lastContactedAt',
  'ownerId',
  'notes',
] as const;
export const MERGE_FIELDS = { account: ACCOUNT_MERGE_FIELDS, contact: CONTACT_MERGE_FIELDS } as const;
export type AccountMergeField = (typeof ACCOUNT_MERGE_FIELDS)[number];
export type ContactMergeField = (typeof CONTACT_MERGE_FIELDS)[number];
export type MergeField = AccountMergeField | ContactMergeField;

/**
 * Collections whose records point at an account or a contact and move to the survivor on merge.
 * `accounts` are the loser's subsidiaries (parentAccountId); `opportunities` are deals;
 * `sales_docs` are quotes and orders.
 */
export const MERGE_CHILD_COLLECTIONS = ['accounts', 'contacts', 'opportunities', 'sales_docs', 'activities', 'cases', 'surveys'] as const;
export type MergeChildCollection = (typeof MERGE_CHILD_COLLECTIONS)[number];
/** Which of them hold children of each entity (contacts have no contacts or subsidiaries). */
export const MERGE_CHILDREN = {
  account: ['accounts', 'contacts', 'opportunities', 'sales_docs', 'activities', 'cases', 'surveys'],
  contact: ['opportunities', 'sales_docs', 'activities', 'cases', 'surveys'],
} as const satisfies Record<DuplicateEntity, ReadonlyArray<MergeChildCollection>>;

export type MergeChildCounts = Readonly<Partial<Record<MergeChildCollection, number>>>;

/** A field's value as the merge screen shows it; absent when the record has none. */
export type MergeValue = string | number | boolean | ReadonlyArray<string>;

export type DuplicateCandidateRow = {
  readonly id: string;
  readonly name: string;
  /** City and country of an account, or the account name of a contact; empty when unknown. */
  readonly subtitle: string;
  readonly email?: string;
  readonly phone?: string;
  /** 0..1, higher is likelier the same. */
  readonly score: number;
  readonly reasons: ReadonlyArray<DuplicateMatchReason>;
};

export type DuplicateSide = {
  readonly id: string;
  readonly name: string;
  readonly subtitle: string;
  readonly updatedAt: number;
  readonly ownerName?: string;
};

export type DuplicateQueueRow = {
  readonly a: DuplicateSide;
  readonly b: DuplicateSide;
  readonly score: number;
  readonly reasons: ReadonlyArray<DuplicateMatchReason>;
};

export type MergePreviewField = {
  readonly field: MergeField;
  readonly survivor?: MergeValue;
  readonly loser?: MergeValue;
  readonly differs: boolean;
  /**
   * For reference fields (accountId, parentAccountId, ownerId) the names the ids stand for, so
   * the screen shows "Acme" rather than an id.
   */
  readonly survivorLabel?: string;
  readonly loserLabel?: string;
};

export type MergePreview = {
  readonly entity: DuplicateEntity;
  readonly survivor: DuplicateSide;
  readonly loser: DuplicateSide;
  readonly fields: ReadonlyArray<MergePreviewField>;
  /** The loser's children per collection that the merge would move (collections with none are 0). */
  readonly children: MergeChildCounts;
};

export type MergeResult = {
  readonly survivorId: string;
  /** Children moved per collection (every collection of MERGE_CHILDREN[entity], 0 when none). */
  readonly moved: MergeChildCounts;
};

export type UndoMergeResult = {
  readonly survivorId: string;
  readonly loserId: string;
  /** Children whose link was put back to the restored record, per collection. */
  readonly restored: MergeChildCounts;
};

const entitySchema = z.enum(DUPLICATE_ENTITIES);
const optionalText = shortLabelSchema.optional();

/** What a form has typed so far; a contact's `name` is first and last name as one string. */
export const duplicateProbeSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.string().max(254).optional(),
  phone: z.string().max(40).optional(),
  website: z.string().max(2000).optional(),
  country: optionalText,
  city: optionalText,
  accountId: idSchema.optional(),
});
export type DuplicateProbe = z.infer<typeof duplicateProbeSchema>;

const takeSchema = z.enum(['survivor', 'loser']);
const pairSchema = { entity: entitySchema, survivorId: idSchema, loserId: idSchema } as const;

export const duplicatesRequests = {
  /** Existing records that look like the one being typed, likeliest first; `excludeId` is the record itself when editing. */
  'duplicates.check': request(
    z.strictObject({
      entity: entitySchema,
      record: duplicateProbeSchema,
      excludeId: idSchema.optional(),
      limit: z.int().min(1).max(MAX_DUPLICATE_CANDIDATES).default(MAX_DUPLICATE_CANDIDATES),
    }),
  ).returns<{ readonly candidates: ReadonlyArray<DuplicateCandidateRow> }>(),
  /** Likely pairs not dismissed, best score first (live: changes when records or dismissals change). */
  'duplicates.queue': request(
    z.strictObject({
      entity: entitySchema,
      offset: z.int().min(0).max(MAX_OFFSET).default(0),
      limit: z.int().min(1).max(200).default(50),
    }),
  ).returns<{ readonly rows: ReadonlyArray<DuplicateQueueRow>; readonly total: number }>(),
  /** "Not duplicates": the pair leaves the queue on every device. */
  'duplicates.dismiss': request(z.strictObject({ entity: entitySchema, aId: idSchema, bId: idSchema })).returns<{
    readonly dismissed: true;
  }>(),
  'duplicates.mergePreview': request(z.strictObject(pairSchema)).returns<MergePreview>(),
  /**
   * Fields not named in `take` keep the survivor's value. Refused with nothing written when the
   * two ids are the same, either record is missing, deleted or already merged, or the user may not
   * edit both.
   */
  'duplicates.merge': request(
    z.strictObject({
      ...pairSchema,
      take: z
        .partialRecord(
          z.enum([...new Set<MergeField>([...ACCOUNT_MERGE_FIELDS, ...CONTACT_MERGE_FIELDS])] as [MergeField, ...MergeField[]]),
          takeSchema,
        )
        .default({}),
    }),
  ).returns<MergeResult>(),
  /**
   * Brings the loser back, puts the survivor's merged fields back to what they were (fields edited
   * since the merge keep the later edit) and re-links the moved children that still point at the
   * survivor (their other changes stay).
   */
  'duplicates.undoMerge': request(z.strictObject({ entity: entitySchema, loserId: idSchema })).returns<UndoMergeResult>(),
} as const;
