import { z } from 'zod';

/**
 * A position in a collection's change feed: the writing transaction's id (xid8, as a decimal string
 * because it is 64-bit) and the document id, which orders rows written by the same transaction.
 * `gen` is the collection's purge generation when the checkpoint was issued. The client treats it
 * as opaque and sends back exactly what it last received.
 */
export const checkpointSchema = z.strictObject({
  txid: z.string().regex(/^\d{1,20}$/, 'txid must be a decimal transaction id'),
  id: z.string().min(1).max(64),
  gen: z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

/**
 * A document as it travels both ways: the collection's own fields (checked against the shared
 * domain schema by the server on push) plus `id` and the tombstone flag. Other fields pass through.
 */
export const wireDocShape = z.looseObject({ id: z.string().min(1).max(64), _deleted: z.boolean().optional() });

/** A document the server sends: it always carries its revision and the server's time of the change. */
export const serverDocSchema = z.looseObject({
  id: z.string().min(1).max(64),
  _deleted: z.boolean(),
  serverRevision: z.int().min(0),
  serverUpdatedAt: z.number(),
});
export type ServerDoc = z.infer<typeof serverDocSchema>;

/**
 * GET /sync/:collection/:schemaVersion/pull?limit=&checkpoint= — `checkpoint` is the JSON of the
 * checkpoint the server returned last time; absent (or `null`) pulls from the start.
 */
export const pullQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).optional(),
  checkpoint: z.string().optional(),
  /** `1`: count the records in scope and those past the checkpoint, for a first sync resumed after a restart. */
  remaining: z.literal('1').optional(),
});

/**
 * A page of the feed, in feed order. For progress bars, a pull from the start carries `total` (the
 * records in scope), and a pull from a checkpoint that asks (`remaining=1`) carries `total` and
 * `remaining` (those past the checkpoint, this page's included).
 */
export const pullResponseSchema = z.object({
  documents: z.array(serverDocSchema),
  checkpoint: checkpointSchema.nullable(),
  total: z.int().min(0).optional(),
  remaining: z.int().min(0).optional(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const pullPath = (
  collection: string,
  schemaVersion: number,
  checkpoint: Checkpoint | null | undefined,
  limit: number,
  countRemaining = false,
): string => {
  const cp = checkpoint ? `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : '';
  return `/sync/${collection}/${schemaVersion}/pull?limit=${limit}${cp}${countRemaining ? '&remaining=1' : ''}`;
};

/** GET /sync/collections: what this server syncs, and at which schema version. */
export const collectionsResponseSchema = z.object({
  collections: z.array(z.object({ name: z.string(), schemaVersion: z.int().min(0) })),
});
export type CollectionsResponse = z.infer<typeof collectionsResponseSchema>;
