import type { Activity, Case, Contact, SurveyResponse } from '../../../shared/schemas';
import type { AccountGenerator } from './generate-account';
import { DAY_MS } from './seed-random';
import { generateCases } from './generate-cases';
import { generateNps } from './generate-nps';

export type Service = { activities: Activity[]; cases: Case[]; surveys: SurveyResponse[] };

const HOUR = 3_600_000;

/** Activities, cases and survey answers around one account (campaign memberships and leads: generate-marketing.ts). */
export const generateService: AccountGenerator<Service> = (world, seed, contacts, opps, r, index) => {
  r.reseed('service', index);
  const { account } = seed;
  const ref = world.options.referenceDate;
  const base = { ownerId: account.ownerId, teamId: account.teamId };
  const out: Service = { activities: [], cases: [], surveys: [] };

  // Past touches on the account: calls, visits, notes, done tasks.
  for (let n = r.int(2, 6); n > 0; n--) {
    const at = r.between(account.createdAt, ref - HOUR);
    const type = r.weighted([
      ['call', 4],
      ['meeting', 2],
      ['visit', 2],
      ['note', 2],
      ['task', 2],
    ] as const);
    const contact = r.pick(contacts);
    const done = type !== 'task' || r.chance(0.9);
    out.activities.push({
      id: r.uuid(),
      ...base,
      createdAt: at,
      updatedAt: at,
      type,
      subject: subjectFor(type, contact, seed.chinese),
      dueAt: at,
      done,
      ...(done && type !== 'note' ? { doneAt: at } : {}),
      priority: 'normal',
      ...(type === 'visit' ? { location: account.city ?? '', durationMinutes: r.pick([30, 60, 90, 120]) } : {}),
      ...(type === 'call' ? { durationMinutes: r.int(5, 45), outcome: r.pick(['Reached', 'Voicemail', 'Call back'] as const) } : {}),
      accountId: account.id,
      contactId: contact.id,
    });
  }
  // Upcoming work on open deals: due in the next month, with a reminder.
  for (const opp of opps) {
    if (opp.closedAt !== undefined) continue;
    for (let n = r.int(1, 3); n > 0; n--) {
      const dueAt = r.between(ref + HOUR, ref + 30 * DAY_MS);
      const createdAt = r.between(opp.createdAt, ref);
      const type = r.pick(['task', 'call', 'meeting', 'visit'] as const);
      out.activities.push({
        id: r.uuid(),
        ...base,
        createdAt,
        updatedAt: createdAt,
        type,
        subject: `${opp.nextStep ?? 'Follow up'}`.slice(0, 200),
        dueAt,
        ...(type === 'meeting' || type === 'visit' ? { endAt: dueAt + HOUR } : {}),
        reminderAt: dueAt - r.pick([15 * 60_000, HOUR, DAY_MS]),
        done: false,
        priority: r.pick(['normal', 'normal', 'high'] as const),
        accountId: account.id,
        ...(opp.primaryContactId ? { contactId: opp.primaryContactId } : {}),
        opportunityId: opp.id,
      });
    }
  }
  // Customers (not prospects) raise cases, bigger accounts more of them; the local user's book
  // always has a few current ones, so their queue is not empty on a demo.
  const local = account.ownerId === world.localUser.id;
  const drawn =
    account.status === 'prospect'
      ? 0
      : r.weighted([
          [0, 3],
          [1, 3],
          [2, 2],
          [3, 1],
          [5, 1],
        ] as const) + (account.tier === 'strategic' ? 3 : account.tier === 'key' ? 1 : 0);
  const service = generateCases(world, seed, contacts, r, index, local ? drawn + 2 : drawn, local ? 2 : 0);
  out.cases.push(...service.cases);
  out.surveys.push(...service.csat);
  out.surveys.push(...generateNps(world, seed, contacts, service.experience, r));
  return out;
};

function subjectFor(type: Activity['type'], contact: Contact, chinese: boolean): string {
  const who = [contact.lastName, contact.firstName].filter(Boolean).join(chinese ? '' : ' ');
  const subject = {
    call: `Call with ${who}`,
    meeting: `Meeting with ${who}`,
    visit: `Site visit: ${who}`,
    note: `Note about ${who}`,
    task: `Send brochure to ${who}`,
  }[type];
  return subject.slice(0, 200);
}
