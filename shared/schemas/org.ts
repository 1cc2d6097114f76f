import { z } from 'zod';
import {
  baseDocumentShape,
  currencySchema,
  emailSchema,
  idSchema,
  isoDateSchema,
  labelSchema,
  nonNegativeMoneySchema,
  shortLabelSchema,
} from './primitives';

export const USER_ROLES = ['rep', 'manager', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const QUOTA_PERIODS = ['month', 'quarter'] as const;

/**
 * Users are read-only on the client: the server is the source of truth for who exists and with
 * which role (authorization depends on it); the client only pulls them.
 */
export const userSchema = z.object({
  ...baseDocumentShape,
  kind: z.literal('user'),
  name: labelSchema.min(1),
  email: emailSchema,
  role: z.enum(USER_ROLES),
  managerId: idSchema.optional(),
  title: shortLabelSchema.optional(),
  locale: z.string().max(35).optional(),
  timeZone: z.string().max(64).optional(),
  active: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const teamSchema = z.object({
  ...baseDocumentShape,
  kind: z.literal('team'),
  name: labelSchema.min(1),
  managerId: idSchema.optional(),
  region: shortLabelSchema.optional(),
});
export type Team = z.infer<typeof teamSchema>;

/** A rep's target for one month or quarter, starting on `periodStart` (first day of the period). */
export const quotaSchema = z.object({
  ...baseDocumentShape,
  kind: z.literal('quota'),
  userId: idSchema,
  period: z.enum(QUOTA_PERIODS),
  periodStart: isoDateSchema,
  currency: currencySchema,
  amount: nonNegativeMoneySchema,
});
export type Quota = z.infer<typeof quotaSchema>;

export const orgSchemas = { user: userSchema, team: teamSchema, quota: quotaSchema } as const;
export type OrgDoc = User | Team | Quota;

export const orgIndexes = ['updatedAt', ['kind', 'name'], ['userId', 'periodStart'], ['kind', 'periodStart']] as const;
