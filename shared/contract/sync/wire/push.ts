import { z } from 'zod';
import { serverDocSchema, wireDocShape } from './pull';

/** The state the client last received; revisions are the server's own, so a client only sends one back. */
export const assumedStateSchema = wireDocShape.extend({
  serverRevision: z
    .int()
    .min(0)
    .max(2 ** 50)
    .optional(),
});

/** One row of RxDB's push: the assumed server state (absent for a create) and the new state. */
export const pushRowSchema = z.strictObject({ assumedMasterState: assumedStateSchema.nullish(), newDocumentState: wireDocShape });
export type PushRow = z.infer<typeof pushRowSchema>;

/** POST /sync/:collection/:schemaVersion/push: a JSON array of rows, validated whole before anything is written. */
export const pushRequestSchema = z.array(pushRowSchema);

/** A row the server refused for this user; `current` is the server's copy when the user may see it. */
export const pushRowErrorSchema = z.object({
  id: z.string(),
  code: z.string(),
  message: z.string(),
  current: serverDocSchema.optional(),
});
export type PushRowError = z.infer<typeof pushRowErrorSchema>;

/** A row the server now holds as the client sent it, at this revision: the client writes it back without pulling it. */
export const pushAcceptedSchema = z.object({ id: z.string(), serverRevision: z.int().min(0), serverUpdatedAt: z.number() });
export type PushAccepted = z.infer<typeof pushAcceptedSchema>;

/**
 * RxDB's answer: the server's current state of every row whose assumed state was stale, refusals,
 * and the revisions of the rows it holds as sent (absent from a server that predates them: the
 * client then learns them from the pull, as before).
 */
export const pushResponseSchema = z.object({
  conflicts: z.array(serverDocSchema),
  errors: z.array(pushRowErrorSchema),
  accepted: z.array(pushAcceptedSchema).optional(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pushPath = (collection: string, schemaVersion: number): string => `/sync/${collection}/${schemaVersion}/push`;
