import { z } from 'zod';
import type { Activity } from '../../schemas/activities';
import { epochMsSchema } from '../../schemas/primitives';
import { request } from '../define-request';
import type { Stored } from '../paging';

/** An agenda row: the activity with the names of the account and deal it is about (ids stay on the activity). */
export type AgendaItem = Stored<Activity> & {
  readonly accountName?: string;
  readonly opportunityName?: string;
};

/** The rep's day: open items due in [dayStart, dayEnd), open items due before it, reminders due soon. */
export type Agenda = {
  readonly overdue: ReadonlyArray<AgendaItem>;
  readonly today: ReadonlyArray<AgendaItem>;
  readonly reminders: ReadonlyArray<AgendaItem>;
};

export const agendaRequests = {
  /**
   * The signed-in rep's agenda (the local user's before sign-in). Day bounds come from the renderer
   * because "today" is the rep's local day, not the core's.
   */
  'agenda.today': request(
    z.strictObject({ dayStart: epochMsSchema, dayEnd: epochMsSchema, soonMs: z.int().min(0).max(86_400_000).default(3_600_000) }),
  ).returns<Agenda>(),
} as const;
