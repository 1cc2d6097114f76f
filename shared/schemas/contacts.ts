import { z } from 'zod';
import { baseDocumentShape, emailSchema, epochMsSchema, idSchema, phoneSchema, shortLabelSchema, textSchema } from './primitives';
import { mergeBookkeepingShape } from './merge-tombstone';

/**
 * A person at an account. Chinese names keep family name in `lastName` (张) and given name in `firstName` (伟).
 * Version 1 adds the merge bookkeeping (shared/schemas/merge-tombstone.ts).
 */
export const contactSchema = z.object({
  ...baseDocumentShape,
  accountId: idSchema,
  firstName: shortLabelSchema.optional(),
  lastName: shortLabelSchema.min(1, 'a contact needs a last name'),
  title: shortLabelSchema.optional(),
  department: shortLabelSchema.optional(),
  email: emailSchema.optional(),
  phone: phoneSchema.optional(),
  mobile: phoneSchema.optional(),
  city: shortLabelSchema.optional(),
  country: shortLabelSchema.optional(),
  preferredLanguage: z.string().max(35).optional(),
  isPrimary: z.boolean(),
  doNotContact: z.boolean(),
  lastContactedAt: epochMsSchema.optional(),
  notes: textSchema.optional(),
  ...mergeBookkeepingShape,
});

export type Contact = z.infer<typeof contactSchema>;

export const contactIndexes = ['updatedAt', 'lastName', ['accountId', 'lastName'], ['ownerId', 'lastName']] as const;
