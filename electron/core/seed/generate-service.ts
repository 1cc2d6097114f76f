import type { Activity, CampaignMember, Case, Contact, Lead, Opportunity, SurveyResponse } from '../../../shared/schemas';
import type { AccountGenerator, AccountSeed } from './generate-account';
import type { SeedWorld } from './generate-org';
import { DAY_MS, type SeedRandom } from './seed-random';
import { generateCases } from './generate-cases';
import { generateNps } from './generate-nps';

export type Service = { activities: Activity[]; cases: Case[]; surveys: SurveyResponse[]; members: CampaignMember[]; leads: Lead[] };

const HOUR = 3_600_000;

/** Activities, cases, survey answers, campaign memberships and leads around one account. */
export const generateService: AccountGenerator<Service> = (world, seed, contacts, opps, r, index) => {
  r.reseed('service', index);
  const { account } = seed;
  const ref = world.options.referenceDate;
  const base = { ownerId: account.ownerId, teamId: account.teamId };
  const out: Service = { activities: [], cases: [], surveys: [], members: [], leads: [] };

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
  // A quarter of contacts were in one or two campaigns that started after they were added.
  for (const contact of contacts) {
    if (!r.chance(0.25)) continue;
    const eligible = world.campaigns.filter((c) => Date.parse(c.startDate) >= contact.createdAt && Date.parse(c.startDate) <= ref);
    for (const campaign of r.sample(eligible, r.int(1, 2))) {
      const at = Math.min(ref, Date.parse(campaign.startDate) + r.int(0, 10) * DAY_MS);
      const status = r.weighted([
        ['sent', 4],
        ['opened', 3],
        ['responded', 2],
        ['attended', 1],
      ] as const);
      out.members.push({
        id: r.uuid(),
        ownerId: campaign.ownerId,
        teamId: campaign.teamId,
        createdAt: at,
        updatedAt: at,
        kind: 'campaign_member',
        campaignId: campaign.id,
        contactId: contact.id,
        accountId: account.id,
        status,
        ...(status === 'sent' || status === 'opened' ? {} : { respondedAt: at }),
      });
    }
  }
  out.leads.push(...generateLeads(world, seed, contacts, opps, r));
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

/** About one lead per two accounts: most still open; converted ones point at this account. */
function generateLeads(
  world: SeedWorld,
  seed: AccountSeed,
  contacts: ReadonlyArray<Contact>,
  opps: ReadonlyArray<Opportunity>,
  r: SeedRandom,
): Lead[] {
  if (!r.chance(0.5)) return [];
  const { account } = seed;
  const ref = world.options.referenceDate;
  const converted = r.chance(0.2) && contacts[0] !== undefined;
  const createdAt = r.between(account.createdAt, ref);
  const status = converted ? 'converted' : r.pick(['new', 'working', 'nurturing', 'qualified', 'unqualified'] as const);
  const firstOpp = opps[0];
  return [
    {
      id: r.uuid(),
      ownerId: account.ownerId,
      teamId: account.teamId,
      createdAt,
      updatedAt: createdAt,
      firstName: seed.chinese ? r.zh.person.firstName() : r.en.person.firstName(),
      lastName: seed.chinese ? r.zh.person.lastName() : r.en.person.lastName(),
      company: converted ? account.name : seed.chinese ? r.zh.company.name() : r.en.company.name(),
      title: r.en.person.jobTitle().slice(0, 80),
      email: `${r.en.internet.username().toLowerCase()}@${account.domain ?? 'example.com'}`.slice(0, 254),
      phone: `${seed.place.phone} ${r.digits(3)} ${r.digits(4)}`,
      city: account.city ?? seed.place.city,
      country: seed.place.country,
      status,
      source: r.pick(['web', 'referral', 'event', 'campaign', 'cold_call', 'partner'] as const),
      rating: r.pick(['hot', 'warm', 'cold'] as const),
      ...(converted && contacts[0]
        ? {
            convertedAt: createdAt,
            convertedAccountId: account.id,
            convertedContactId: contacts[0].id,
            ...(firstOpp ? { convertedOpportunityId: firstOpp.id } : {}),
          }
        : {}),
    },
  ];
}
