import { z } from 'zod';
import { businessCalendarSchema, slaPolicySchema, type BusinessCalendar, type SlaPolicy } from '../../schemas/knowledge';
import { idSchema } from '../../schemas/primitives';
import { request } from '../define-request';
import type { Stored } from '../paging';

export const slaPolicyValuesSchema = slaPolicySchema.pick({
  name: true,
  priority: true,
  tier: true,
  calendarId: true,
  firstResponseMinutes: true,
  resolutionMinutes: true,
  atRiskPercent: true,
  reopenWindowDays: true,
  active: true,
});
export type SlaPolicyValues = z.infer<typeof slaPolicyValuesSchema>;

export const businessCalendarValuesSchema = businessCalendarSchema.pick({ name: true, timeZone: true, week: true, holidays: true });
export type BusinessCalendarValues = z.infer<typeof businessCalendarValuesSchema>;

const revisionSchema = z.string().min(1).max(100).optional();

export const serviceSettingsRequests = {
  /** SLA policies and calendars; `canEdit` follows org.access (managers, admins, the local user). */
  'service.settings': request(z.strictObject({})).returns<{
    readonly policies: ReadonlyArray<Stored<SlaPolicy>>;
    readonly calendars: ReadonlyArray<Stored<BusinessCalendar>>;
    readonly canEdit: boolean;
  }>(),
  /** Create (no id) or change a policy; `forbidden` for reps. An unknown calendar or time zone is refused. */
  'service.savePolicy': request(
    z.strictObject({ id: idSchema.optional(), values: z.strictObject(slaPolicyValuesSchema.shape), expectedRevision: revisionSchema }),
  ).returns<Stored<SlaPolicy>>(),
  'service.saveCalendar': request(
    z.strictObject({
      id: idSchema.optional(),
      values: z.strictObject(businessCalendarValuesSchema.shape),
      expectedRevision: revisionSchema,
    }),
  ).returns<Stored<BusinessCalendar>>(),
} as const;
