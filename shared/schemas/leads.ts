import { z } from 'zod';
import {
  baseDocumentShape,
  emailSchema,
  epochMsSchema,
  idSchema,
  labelSchema,
  phoneSchema,
  shortLabelSchema,
  textSchema,
} from './primitives';

export const LEAD_STATUSES = ['new', 'working', 'nurturing', 'qualified', 'unqualified', 'converted'] as const;
export const LEAD_SOURCES = ['web', 'referral', 'event', 'campaign', 'cold_call', 'partner', 'other'] as const;

/** An unqualified prospect; on conversion the ids of what it became are kept for reporting. */
export const leadSchema = z.object({
  ...baseDocumentShape,
  firstName: shortLabelSchema.optional(),
  lastName: shortLabelSchema.min(1, 'a lead needs a last name'),
  company: labelSchema.optional(),
  title: shortLabelSchema.optional(),
  email: emailSchema.optional(),
  phone: phoneSchema.optional(),
  city: shortLabelSchema.optional(),
  country: shortLabelSchema.optional(),
  status: z.enum(LEAD_STATUSES),
  source: z.enum(LEAD_SOURCES),
  rating: z.enum(['hot', 'warm', 'cold']).optional(),
  campaignId: idSchema.optional(),
  convertedAt: epochMsSchema.optional(),
  convertedAccountId: idSchema.optional(),
  convertedContactId: idSchema.optional(),
  convertedOpportunityId: idSchema.optional(),
  notes: textSchema.optional(),
});

export type Lead = z.infer<typeof leadSchema>;

export const leadIndexes = ['updatedAt', 'lastName', ['status', 'updatedAt'], ['ownerId', 'updatedAt']] as const;
