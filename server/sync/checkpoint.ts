import { z } from 'zod';
import { badRequest } from '../errors';

/**
 * A position in a collection's change feed: the writing transaction's id (xid8, as a decimal string
 * because it is 64-bit) and the document id, which orders rows written by the same transaction.
 * `gen` is the collection's purge generation when the checkpoint was issued (see pull.ts).
 */
export type Checkpoint = { txid: string; id: string; gen?: number };

const checkpointSchema = z.strictObject({
  txid: z.string().regex(/^\d{1,20}$/, 'txid must be a decimal transaction id'),
  id: z.string().min(1).max(64),
  gen: z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

/** `?checkpoint=` carries the JSON the server returned last time; absent or empty = from the start. */
export const parseCheckpoint = (raw: unknown): Checkpoint | null => {
  if (raw === undefined || raw === '' || raw === 'null') return null;
  if (typeof raw !== 'string') throw badRequest('invalid_checkpoint', 'checkpoint must be given once, as JSON');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badRequest('invalid_checkpoint', 'checkpoint is not valid JSON; send back the checkpoint the server returned');
  }
  if (value === null) return null;
  const parsed = checkpointSchema.safeParse(value);
  if (!parsed.success) {
    throw badRequest('invalid_checkpoint', `checkpoint is malformed: ${parsed.error.issues[0]?.message ?? 'unexpected shape'}`);
  }
  if (BigInt(parsed.data.txid) > 2n ** 63n) throw badRequest('invalid_checkpoint', 'checkpoint txid is out of range');
  return parsed.data;
};
