import type { CaseDetail, CaseTimelineItem } from '../../../shared/contract/service/cases-requests';
import type { Stored } from '../../../shared/contract';
import { CASE_STATUSES, type Account, type Activity, type Case, type KnowledgeArticle, type SurveyResponse } from '../../../shared/schemas';
import { checkTransition } from '../../../shared/service/case-workflow';
import { toStored } from '../db/validated-documents';
import { toCaseRecords } from './case-records';
import { resolvedAtOf } from './case-writes';
import type { ServiceDeps } from './service-deps';
import { nameOf, usersOf } from './user-directory';

/**
 * One case with everything its page shows. The timeline holds its status changes, the activities
 * logged for it (those naming it in `caseId`, and the visit it was raised during) and its survey
 * answers. Activities are read through the account's index and picked by case, so the page never
 * scans the activities table.
 */
export async function caseDetail(deps: ServiceDeps, stored: Stored<Case>): Promise<CaseDetail> {
  const now = deps.now();
  const ref = await deps.sla.current();
  const [record] = await toCaseRecords(deps, [stored], ref, now);
  if (!record) throw new Error('a case record was not built');
  const [users, accountDoc, activityDocs, surveyDocs, articleDocs] = await Promise.all([
    usersOf(deps.db),
    deps.db.accounts.findOne(stored.accountId).exec(),
    deps.db.activities.find({ selector: { accountId: stored.accountId } }).exec(),
    deps.db.surveys.find({ selector: { caseId: stored.id }, sort: [{ respondedAt: 'desc' }] }).exec(),
    stored.knowledgeArticleIds?.length ? deps.db.knowledge.findByIds([...stored.knowledgeArticleIds]).exec() : new Map(),
  ]);
  const account = accountDoc?.toJSON() as Account | undefined;
  const tier = deps.cases.accountTier(stored.accountId) ?? account?.tier;

  const timeline: CaseTimelineItem[] = [];
  stored.statusHistory.forEach((change, i) => {
    timeline.push({
      kind: 'status',
      at: change.at,
      status: change.status,
      from: stored.statusHistory[i - 1]?.status ?? null,
      byName: nameOf(users, change.byUserId),
    });
  });
  for (const doc of activityDocs) {
    const activity = doc.toJSON() as Activity;
    if (activity.caseId !== stored.id && activity.id !== stored.visitId) continue;
    timeline.push({
      kind: 'activity',
      at: activity.doneAt ?? activity.dueAt ?? activity.createdAt,
      id: activity.id,
      type: activity.type,
      subject: activity.subject,
      byName: nameOf(users, activity.ownerId),
    });
  }
  const surveys = surveyDocs.map((doc) => toStored(doc) as Stored<SurveyResponse>);
  for (const s of surveys) {
    timeline.push({
      kind: 'survey',
      at: s.respondedAt,
      id: s.id,
      survey: s.survey,
      score: s.score,
      ...(s.comment !== undefined ? { comment: s.comment } : {}),
    });
  }
  timeline.sort((a, b) => b.at - a.at);

  const helpful = new Set(stored.helpfulArticleIds ?? []);
  const articles = (stored.knowledgeArticleIds ?? []).map((id) => {
    const article = articleDocs.get(id)?.toJSON() as KnowledgeArticle | undefined;
    return { id, title: article?.title ?? id, helpful: helpful.has(id) };
  });

  const reopenWindowDays = ref.reopenWindowDays(stored.priority, tier);
  const resolvedAt = resolvedAtOf(stored);
  const allowedTransitions = CASE_STATUSES.filter((to) => checkTransition(stored.status, to, { resolvedAt, reopenWindowDays, now }).ok);

  const assignees = new Map<string, string>();
  assignees.set(deps.actor.ownerId, nameOf(users, deps.actor.ownerId));
  for (const user of users.values()) if (user.active && user.teamId === stored.teamId) assignees.set(user.id, user.name);

  return {
    ...record,
    accountTier: tier ?? null,
    timeline,
    articles,
    surveys,
    allowedTransitions,
    assignees: [...assignees].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
