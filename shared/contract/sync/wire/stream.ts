import { z } from 'zod';
import { errorBodySchema } from './errors';
import { checkpointSchema, serverDocSchema } from './pull';

/**
 * GET /sync/:collection/:schemaVersion/stream (Server-Sent Events). Each `data:` line is JSON:
 * the string `"RESYNC"` first and whenever notifications may have been missed, then a batch of
 * changes per message. An `event: error` message carries an error body and ends the stream.
 */
export const RESYNC = 'RESYNC';

/** A batch is only sent when it holds documents, so it always has a checkpoint. */
export const streamBatchSchema = z.object({
  documents: z.array(serverDocSchema),
  checkpoint: checkpointSchema,
});
export type StreamBatch = z.infer<typeof streamBatchSchema>;

export const streamDataSchema = z.union([z.literal(RESYNC), streamBatchSchema]);
export type StreamData = z.infer<typeof streamDataSchema>;

/** The `error` event; `token_expired` asks for a reconnect with a fresh token. */
export const streamErrorSchema = errorBodySchema;

export const streamPath = (collection: string, schemaVersion: number): string => `/sync/${collection}/${schemaVersion}/stream`;
