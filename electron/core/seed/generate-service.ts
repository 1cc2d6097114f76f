import type { Activity, CampaignMember, Case, Contact, Lead, Opportunity, SurveyResponse } from '../../../shared/schemas';
import type { AccountGenerator, AccountSeed } from './generate-account';
import type { SeedWorld } from './generate-org';
import { DAY_MS, type SeedRandom } from './seed-random';
import { CASE_SUBJECTS } from './seed-tables';

export type Service = { activities: Activity[]; cases: Case[]; surveys: SurveyResponse[]; members: CampaignMember[]; leads: Lead[] };

const HOUR = 3_600_000;
/** SLA targets per priority: [first response, resolution] in hours. */
const SLA: Record<Case['priority'], readonly [number, number]> = { urgent: [1, 4], high: [4, 24], medium: [8, 72], low: [24, 120] };

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
  // Customers (not prospects) raise cases; older ones are closed, some breached their SLA.
  const caseCount =
    account.status === 'prospect'
      ? 0
      : r.weighted([
          [0, 4],
          [1, 3],
          [2, 2],
          [3, 1],
        ] as const);
  for (let n = 0; n < caseCount; n++) {
    const openedAt = r.between(Math.max(account.createdAt, ref - 36 * 30 * DAY_MS), ref - HOUR);
    const priority = r.weighted([
      ['low', 3],
      ['medium', 4],
      ['high', 2],
      ['urgent', 1],
    ] as const);
    const [respondH, resolveH] = SLA[priority];
    const ageH = (ref - openedAt) / HOUR;
    const breach = r.chance(0.15) ? 2.5 : 0.6;
    const firstRespondedAt =
      ageH > respondH * breach ? Math.min(ref, openedAt + Math.floor(respondH * breach * r.next() * HOUR) + 60_000) : undefined;
    const resolvedAt =
      firstRespondedAt !== undefined && ageH > resolveH * breach && r.chance(0.95)
        ? Math.min(ref, openedAt + Math.floor(resolveH * breach * (0.3 + 0.7 * r.next()) * HOUR) + HOUR)
        : undefined;
    const closedAt = resolvedAt !== undefined && ref - resolvedAt > 3 * DAY_MS ? resolvedAt + 3 * DAY_MS : undefined;
    const status: Case['status'] = closedAt
      ? 'closed'
      : resolvedAt
        ? 'resolved'
        : firstRespondedAt
          ? r.pick(['open', 'pending_customer', 'escalated'] as const)
          : 'new';
    const contact = r.pick(contacts);
    const c: Case = {
      id: r.uuid(),
      ...base,
      createdAt: openedAt,
      updatedAt: closedAt ?? resolvedAt ?? firstRespondedAt ?? openedAt,
      caseNumber: `CS-${String(index).padStart(6, '0')}-${n + 1}`,
      accountId: account.id,
      contactId: contact.id,
      subject: r.pick(CASE_SUBJECTS),
      priority,
      status,
      channel: r.pick(['phone', 'email', 'web', 'visit', 'chat'] as const),
      openedAt,
      ...(firstRespondedAt ? { firstRespondedAt } : {}),
      ...(resolvedAt ? { resolvedAt } : {}),
      ...(closedAt ? { closedAt } : {}),
      statusHistory: [
        { status: 'new', at: openedAt, byUserId: account.ownerId },
        ...(firstRespondedAt
          ? [{ status: status === 'new' ? ('new' as const) : ('open' as const), at: firstRespondedAt, byUserId: account.ownerId }]
          : []),
        ...(resolvedAt ? [{ status: 'resolved' as const, at: resolvedAt, byUserId: account.ownerId }] : []),
        ...(closedAt ? [{ status: 'closed' as const, at: closedAt, byUserId: account.ownerId }] : []),
      ],
      ...(r.chance(0.3) && world.articles[0] ? { knowledgeArticleIds: [r.pick(world.articles).id] } : {}),
    };
    out.cases.push(c);
    if (resolvedAt !== undefined && r.chance(0.4)) {
      const respondedAt = Math.min(ref, resolvedAt + r.int(1, 48) * HOUR);
      out.surveys.push({
        id: r.uuid(),
        ...base,
        createdAt: respondedAt,
        updatedAt: respondedAt,
        survey: 'csat',
        score: r.weighted([
          [5, 5],
          [4, 3],
          [3, 1],
          [2, 1],
          [1, 1],
        ] as const),
        accountId: account.id,
        contactId: contact.id,
        caseId: c.id,
        respondedAt,
      });
    }
  }
  if (account.status === 'active' && r.chance(0.3)) {
    const respondedAt = r.between(ref - 365 * DAY_MS, ref);
    const contact = r.pick(contacts);
    out.surveys.push({
      id: r.uuid(),
      ...base,
      createdAt: respondedAt,
      updatedAt: respondedAt,
      survey: 'nps',
      score: r.weighted([
        [10, 3],
        [9, 3],
        [8, 2],
        [7, 2],
        [6, 1],
        [5, 1],
        [3, 1],
        [0, 1],
      ] as const),
      accountId: account.id,
      contactId: contact.id,
      respondedAt,
      ...(r.chance(0.3) ? { comment: seed.chinese ? '服务很好' : r.en.lorem.sentence() } : {}),
    });
  }
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
