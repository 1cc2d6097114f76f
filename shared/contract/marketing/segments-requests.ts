import { z } from 'zod';
import { segmentDefinitionSchema, SEGMENT_TARGETS, type SegmentTarget } from '../../marketing/segment-conditions';
import type { Segment } from '../../schemas/marketing';
import { idSchema, labelSchema, textSchema } from '../../schemas/primitives';
import { request } from '../define-request';
import { windowShape, type ListWindow, type Stored } from '../paging';

/** What the builder saves; owner, team and timestamps are the core's. */
export const segmentValuesSchema = z.strictObject({
  name: labelSchema.trim().min(1, 'a segment needs a name'),
  description: textSchema.optional(),
  definition: segmentDefinitionSchema,
});
export type SegmentValues = z.input<typeof segmentValuesSchema>;

/** A saved segment with its size now (null when not asked for, or when a newer version wrote a definition this one cannot read). */
export type SegmentSize = { readonly size: number | null; readonly total: number };
export type SegmentRow = Stored<Segment & SegmentSize>;

export type SegmentCountResult = {
  readonly count: number;
  /** Records of the target in all (the "of N" beside the count). */
  readonly total: number;
  readonly computedAt: number;
};

/** One record in the builder's preview: its name and what tells it apart (account, company or industry). */
export type SegmentPreviewRow = { readonly id: string; readonly name: string; readonly detail: string | null };
export type SegmentPreview = { readonly target: SegmentTarget; readonly rows: ReadonlyArray<SegmentPreviewRow>; readonly count: number };

/** Rows of one CSV file: the columns the customer import reads, values as stored (codes, ISO dates, decimal amounts). */
export type SegmentCsv = { readonly fileName: string; readonly csv: string; readonly rows: number };

export const MAX_SEGMENT_PREVIEW = 50;

/** A saved segment by id or a definition being built. */
const sourceSchema = z.union([z.strictObject({ id: idSchema }), z.strictObject({ definition: segmentDefinitionSchema })]);

export const segmentsRequests = {
  /** Live. By name; each row carries its size now unless `sizes` is false (pickers need names only). */
  'segments.list': request(
    z.strictObject({ target: z.enum(SEGMENT_TARGETS).optional(), sizes: z.boolean().default(true), ...windowShape }),
  ).returns<ListWindow<Segment & SegmentSize>>(),
  /** Live. */
  'segments.get': request(z.strictObject({ id: idSchema })).returns<SegmentRow>(),
  'segments.create': request(z.strictObject({ values: segmentValuesSchema })).returns<Stored<Segment>>(),
  'segments.update': request(
    z.strictObject({
      id: idSchema,
      patch: z.strictObject(segmentValuesSchema.partial().shape),
      expectedRevision: z.string().min(1).max(100).optional(),
    }),
  ).returns<Stored<Segment>>(),
  /** Soft delete: a tombstone that sync carries; campaigns that name the segment keep their members. */
  'segments.delete': request(z.strictObject({ id: idSchema })).returns<{ readonly id: string }>(),
  /** The builder's live count: called on every change of the conditions, answered from the in-memory index. */
  'segments.count': request(z.strictObject({ definition: segmentDefinitionSchema })).returns<SegmentCountResult>(),
  /** The first records the definition selects, with their names. */
  'segments.preview': request(
    z.strictObject({ definition: segmentDefinitionSchema, limit: z.int().min(1).max(MAX_SEGMENT_PREVIEW).default(20) }),
  ).returns<SegmentPreview>(),
  /**
   * Every selected record as CSV the customer import reads back (accounts and contacts; leads with
   * their own columns). The renderer saves the text as a file, like the lists' exports.
   */
  'segments.exportCsv': request(z.strictObject({ source: sourceSchema })).returns<SegmentCsv>(),
} as const;
