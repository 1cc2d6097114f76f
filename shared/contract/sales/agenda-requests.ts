import { z } from 'zod';
import type { Activity } from '../../schemas/activities';
import { epochMsSchema } from '../../schemas/primitives';
import { request } from '../define-request';
import type { Stored } from '../paging';

/** The rep's day: open items due in [dayStart, dayEnd), open items due before it, reminders due soon. */
export type Agenda = {
  readonly overdue: ReadonlyArray<Stored<Activity>>;
  readonly today: ReadonlyArray<Stored<Activity>>;
  readonly reminders: ReadonlyArray<Stored<Activity>>;
};

export const agendaRequests = {
  /** Day bounds come from the renderer because "today" is the rep's local day, not the core's. */
  'agenda.today': request(
    z.strictObject({ dayStart: epochMsSchema, dayEnd: epochMsSchema, soonMs: z.int().min(0).max(86_400_000).default(3_600_000) }),
  ).returns<Agenda>(),
} as const;
