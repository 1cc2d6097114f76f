import { checkpointSchema, type Checkpoint } from '../../shared/contract/sync/wire/pull';
import { badRequest } from '../errors';

export type { Checkpoint };

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
