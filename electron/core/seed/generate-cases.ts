import type { Case, CaseStatusChange, Contact, SurveyResponse } from '../../../shared/schemas';
import type { AccountSeed } from './generate-account';
import { topicKey, TOPICS, type Topic } from './generate-articles';
import type { SeedWorld } from './generate-org';
import { DAY_MS, type SeedRandom } from './seed-random';
import { PRODUCT_NAMES } from './seed-knowledge-tables';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** How an account's cases went, which its contacts' NPS answers follow. */
export type CaseExperience = { readonly cases: number; readonly breached: number; readonly csatSum: number; readonly csatCount: number };
export type GeneratedCases = { readonly cases: Case[]; readonly csat: SurveyResponse[]; readonly experience: CaseExperience };

type Step = { status: CaseStatusChange['status']; at: number };

/**
 * Cases of a strained relationship: opened between `from` and `to`, missing their targets
 * `missFactor` times as often, numbered on from `firstNumber` after the account's other cases.
 */
export type CaseStrain = { readonly from: number; readonly to: number; readonly missFactor: number; readonly firstNumber: number };

/**
 * `count` cases of one account with believable histories on the SLA policy the app would apply:
 * a first response after a share of its target (business time, on the policy's calendar), work
 * interrupted by waits on the customer, sometimes an escalation, resolution, closing a few days
 * later, now and then a reopening. About one case in seven misses a target. Histories running past
 * the reference date are cut there, which leaves the recent cases open. Resolved cases carry the
 * outcome `buildSlaReference(...).outcomeAt` computes, as the core freezes it on resolution;
 * about 40% of them have a CSAT that follows how the case went.
 */
export function generateCases(
  world: SeedWorld,
  seed: AccountSeed,
  contacts: ReadonlyArray<Contact>,
  r: SeedRandom,
  index: number,
  count: number,
  recent = 0,
  strain?: CaseStrain,
): GeneratedCases {
  const { account, chinese } = seed;
  const ref = world.options.referenceDate;
  const experience = { cases: 0, breached: 0, csatSum: 0, csatCount: 0 };
  const cases: Case[] = [];
  const csat: SurveyResponse[] = [];
  const teammates =
    account.ownerId === world.localUser.id ? [] : world.repsByRegion[account.region].filter((u) => u.id !== account.ownerId);
  const earliest = Math.max(account.createdAt, ref - 36 * 30 * DAY_MS);
  for (let n = 0; n < count; n++) {
    const priority = r.weighted([
      ['low', 3],
      ['medium', 4],
      ['high', 2],
      ['urgent', 1],
    ] as const);
    const policy = world.sla.policyFor(priority, account.tier);
    const clock = policy ? world.sla.clockFor(policy.calendarId) : undefined;
    if (!policy || !clock) throw new Error(`no SLA policy for ${priority} cases`);
    let openedAt = strain
      ? r.between(Math.max(earliest, strain.from), Math.min(strain.to, ref - HOUR))
      : r.between(n < recent ? ref - 10 * DAY_MS : earliest, ref - HOUR);
    // Most cases come in during office hours.
    if (!clock.isWorking(openedAt) && r.chance(0.75))
      openedAt = Math.min(ref - HOUR, clock.advance(openedAt, r.int(1, 90) * MINUTE) ?? openedAt);
    const assignee = teammates.length > 0 && r.chance(0.15) ? r.pick(teammates).id : account.ownerId;
    const minutes = (share: number, target: number) => Math.max(1, Math.round(share * target)) * MINUTE;
    const missFirst = r.chance(0.07 * (strain?.missFactor ?? 1));
    const missResolution = r.chance(0.1 * (strain?.missFactor ?? 1));
    const firstMs = minutes(missFirst ? 1.05 + r.next() * 2 : 0.05 + r.next() * 0.9, policy.firstResponseMinutes);
    const activeMs = Math.max(
      firstMs + 10 * MINUTE,
      minutes(missResolution ? 1.05 + r.next() * 1.5 : 0.1 + r.next() * 0.85, policy.resolutionMinutes),
    );
    const steps: Step[] = [{ status: 'new', at: openedAt }];
    const advance = (at: number, ms: number) => clock.advance(at, ms) ?? at + ms;
    let at = advance(openedAt, firstMs);
    steps.push({ status: r.chance(0.12) ? 'pending_customer' : 'open', at });
    const pauses = r.weighted([
      [0, 55],
      [1, 30],
      [2, 12],
      [3, 3],
    ] as const);
    const escalateAt = r.chance(priority === 'urgent' || priority === 'high' ? 0.2 : 0.06) ? r.int(0, pauses) : -1;
    let remaining = activeMs - firstMs;
    for (let piece = 0; piece <= pauses; piece++) {
      const last = steps[steps.length - 1];
      if (last?.status === 'pending_customer') {
        at += waitOnCustomer(r);
        steps.push({ status: piece > escalateAt && escalateAt >= 0 ? 'escalated' : 'open', at });
      }
      const length = piece === pauses ? remaining : Math.floor(remaining * (0.2 + r.next() * 0.5));
      remaining -= length;
      if (piece === escalateAt) {
        at = advance(at, Math.floor(length * 0.3));
        if (steps[steps.length - 1]?.status !== 'escalated') steps.push({ status: 'escalated', at });
        at = advance(at, length - Math.floor(length * 0.3));
      } else at = advance(at, length);
      steps.push({ status: piece === pauses ? 'resolved' : 'pending_customer', at });
    }
    const reopened = r.chance(0.04);
    if (reopened) {
      at += r.int(1, 6) * DAY_MS;
      steps.push({ status: 'open', at });
      at = advance(at, minutes(0.1 + r.next() * 0.4, policy.resolutionMinutes));
      steps.push({ status: 'resolved', at });
    }
    steps.push({ status: 'closed', at: at + r.int(2, 9) * DAY_MS + r.int(0, 600) * MINUTE });

    // Cut at the reference date: what has not happened yet is left out.
    const done = steps.filter((s) => s.at < ref);
    const status = done[done.length - 1]?.status ?? 'new';
    const finished = status === 'resolved' || status === 'closed';
    const unassigned = !finished && r.chance(status === 'new' ? 0.45 : 0.08);
    const statusHistory = done.map((s) => ({ status: s.status, at: s.at, byUserId: s.status === 'new' ? account.ownerId : assignee }));
    const resolvedAt = finished ? done.findLast((s) => s.status === 'resolved')?.at : undefined;
    const closedAt = status === 'closed' ? done[done.length - 1]?.at : undefined;
    const firstRespondedAt = done[1]?.at;
    const topic = pickTopic(r);
    const contact = r.pick(contacts);
    const linked = r.chance(0.35) ? world.articleIndex.get(topicKey(topic, chinese ? 'zh-CN' : 'en')) : undefined;
    const article = linked && linked.length > 0 ? r.pick(linked) : undefined;
    const c: Case = {
      id: r.uuid(),
      ownerId: account.ownerId,
      teamId: account.teamId,
      createdAt: openedAt,
      updatedAt: done[done.length - 1]?.at ?? openedAt,
      caseNumber: `CS-${String(index).padStart(6, '0')}-${n + (strain?.firstNumber ?? 1)}`,
      accountId: account.id,
      contactId: contact.id,
      ...(unassigned ? {} : { assigneeId: assignee }),
      ...describe(topic, chinese, r),
      priority,
      status,
      channel: r.weighted([
        ['email', 4],
        ['phone', 3],
        ['web', 2],
        ['visit', 1],
        ['chat', 1],
      ] as const),
      category: topic.issue.category,
      openedAt,
      ...(firstRespondedAt === undefined ? {} : { firstRespondedAt }),
      ...(resolvedAt === undefined ? {} : { resolvedAt }),
      ...(closedAt === undefined ? {} : { closedAt }),
      statusHistory,
      ...(article ? { knowledgeArticleIds: [article], ...(finished && r.chance(0.5) ? { helpfulArticleIds: [article] } : {}) } : {}),
    };
    if (resolvedAt !== undefined) {
      const outcome = world.sla.outcomeAt(c, account.tier, resolvedAt);
      if (outcome) c.slaOutcome = outcome;
    }
    cases.push(c);
    experience.cases++;
    const breached = c.slaOutcome !== undefined && (!c.slaOutcome.firstResponseMet || !c.slaOutcome.resolutionMet);
    if (breached) experience.breached++;
    if (resolvedAt !== undefined && r.chance(0.4)) {
      const respondedAt = resolvedAt + r.int(1, 72) * HOUR;
      if (respondedAt >= ref) continue;
      const score = csatScore(r, breached, reopened);
      experience.csatSum += score;
      experience.csatCount++;
      csat.push({
        id: r.uuid(),
        ownerId: account.ownerId,
        teamId: account.teamId,
        createdAt: respondedAt,
        updatedAt: respondedAt,
        survey: 'csat',
        score,
        accountId: account.id,
        contactId: contact.id,
        caseId: c.id,
        respondedAt,
        ...(r.chance(0.25) ? { comment: csatComment(r, score, chinese) } : {}),
      });
    }
  }
  return { cases, csat, experience };
}

/** Hours to days, now and then weeks: how long customers take to answer. */
function waitOnCustomer(r: SeedRandom): number {
  const hours = r.weighted([
    [[2, 24], 5],
    [[24, 96], 4],
    [[96, 336], 1],
  ] as const);
  return r.int(hours[0], hours[1]) * HOUR + r.int(0, 59) * MINUTE;
}

function pickTopic(r: SeedRandom): Topic {
  return r.pick(TOPICS);
}

function describe(topic: Topic, chinese: boolean, r: SeedRandom): Pick<Case, 'subject' | 'description'> {
  const [nameEn, nameZh] = PRODUCT_NAMES[topic.product.sku] ?? [topic.product.name, topic.product.name];
  if (chinese) {
    const where = r.pick(['仓库', '门店', '总部', '分公司', '生产线']);
    return {
      subject: `${nameZh}${topic.issue.zh}`,
      description: `客户${where}的${nameZh}${topic.issue.zh}，${r.pick(['影响日常工作', '已尝试重启，问题仍然存在', '多台设备出现相同情况', '希望尽快安排处理'])}。`,
    };
  }
  const where = r.pick(['warehouse', 'store', 'head office', 'branch', 'production line']);
  return {
    subject: `${nameEn.charAt(0).toUpperCase()}${nameEn.slice(1)} ${topic.issue.en}`,
    description: `At the customer's ${where} the ${nameEn} ${topic.issue.en}. ${r.pick([
      'It blocks their daily work.',
      'They restarted it; the problem remains.',
      'Several units show the same behaviour.',
      'They ask for a visit this week.',
    ])}`,
  };
}

function csatScore(r: SeedRandom, breached: boolean, reopened: boolean): number {
  const score = breached
    ? r.weighted([
        [5, 12],
        [4, 23],
        [3, 30],
        [2, 20],
        [1, 15],
      ] as const)
    : r.weighted([
        [5, 55],
        [4, 30],
        [3, 10],
        [2, 3],
        [1, 2],
      ] as const);
  return reopened ? Math.max(1, score - 1) : score;
}

const CSAT_COMMENTS: ReadonlyArray<readonly [number, string, string]> = [
  [5, 'Fixed quickly, thank you!', '处理很及时，谢谢！'],
  [5, 'The technician explained everything clearly.', '工程师解释得很清楚。'],
  [4, 'Good help, took a little long.', '帮助很大，就是时间稍长。'],
  [3, 'Solved in the end, but we had to chase.', '最终解决了，但需要我们反复催促。'],
  [2, 'Too slow for an urgent problem.', '紧急问题处理太慢。'],
  [1, 'We waited days without an answer.', '等了好几天都没有回复。'],
];

export function csatComment(r: SeedRandom, score: number, chinese: boolean): string {
  const fitting = CSAT_COMMENTS.filter(([s]) => Math.abs(s - score) <= 1);
  const [, en, zh] = r.pick(fitting.length > 0 ? fitting : CSAT_COMMENTS);
  return chinese ? zh : en;
}
