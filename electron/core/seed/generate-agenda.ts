import type { Activity, Contact, Opportunity } from '../../../shared/schemas';
import type { AccountGenerator } from './generate-account';
import { localAccountSlot } from './local-user';
import { DAY_MS } from './seed-random';

const HOUR = 3_600_000;
/** Days of agenda before and after the reference day: a little history, today, and the two weeks ahead. */
const DAYS_BEFORE = 7;
const DAYS_AFTER = 13;
/** Items on the reference day, and on every other day. */
const ON_THE_DAY = 4;
const PER_DAY = 2;
/** Times of day (hours after midnight UTC) the day's items are spread over. */
const HOURS = [9, 10.5, 13, 14.5, 16, 17.5] as const;

/**
 * The local user's calls, meetings, visits and tasks around the reference day, so Today and the
 * week ahead are filled. The day's slots are dealt round-robin over the local accounts, each
 * account generating only its own slots: the output is the same however the accounts are batched.
 * Past days' items are mostly done; a few are left as overdue, as in any real week.
 */
export const generateLocalAgenda: AccountGenerator<Activity[]> = (world, seed, contacts, opps, r, index) => {
  const { ordinal, count } = localAccountSlot(index, world.options.accounts);
  if (count === 0 || contacts.length === 0) return [];
  r.reseed('agenda', index);
  const { account } = seed;
  const dayStart = Math.floor(world.options.referenceDate / DAY_MS) * DAY_MS;
  const open = opps.filter((opp) => opp.closedAt === undefined);
  const out: Activity[] = [];
  let slot = 0;
  for (let day = -DAYS_BEFORE; day <= DAYS_AFTER; day++) {
    const perDay = day === 0 ? ON_THE_DAY : PER_DAY;
    for (let n = 0; n < perDay; n++, slot++) {
      if (slot % count !== ordinal) continue;
      const dueAt = dayStart + day * DAY_MS + (HOURS[(n * 2 + (day & 1)) % HOURS.length] ?? 9) * HOUR;
      const type = r.weighted([
        ['call', 4],
        ['meeting', 3],
        ['visit', 2],
        ['task', 3],
      ] as const);
      const contact = r.pick(contacts);
      const opp = open.length > 0 && r.chance(0.7) ? r.pick(open) : undefined;
      const done = day < 0 && r.chance(0.85);
      const createdAt = Math.min(dueAt, world.options.referenceDate) - r.int(1, 10) * DAY_MS;
      out.push({
        id: r.uuid(),
        ownerId: account.ownerId,
        teamId: account.teamId,
        createdAt,
        updatedAt: done ? dueAt : createdAt,
        type,
        subject: subjectFor(type, contact, opp),
        dueAt,
        ...(type === 'meeting' || type === 'visit' ? { endAt: dueAt + HOUR } : {}),
        reminderAt: dueAt - 15 * 60_000,
        done,
        ...(done ? { doneAt: dueAt } : {}),
        priority: r.pick(['normal', 'normal', 'high'] as const),
        ...(type === 'visit' ? { location: account.city ?? '' } : {}),
        accountId: account.id,
        contactId: contact.id,
        ...(opp ? { opportunityId: opp.id } : {}),
      });
    }
  }
  return out;
};

function subjectFor(type: Activity['type'], contact: Contact, opp: Opportunity | undefined): string {
  const who = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  const about = opp?.nextStep ?? 'next steps';
  const subject = {
    call: `Call ${who}: ${about}`,
    meeting: `Meeting with ${who}: ${about}`,
    visit: `Visit ${who} on site`,
    task: `Prepare for ${who}: ${about}`,
    note: `Note about ${who}`,
  }[type];
  return subject.slice(0, 200);
}
