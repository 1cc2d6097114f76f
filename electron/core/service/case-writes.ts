import { randomInt, randomUUID } from 'node:crypto';
import type { Stored } from '../../../shared/contract';
import type { CaseValues } from '../../../shared/contract/service/cases-requests';
import type { Account, Activity, Case, CaseStatus, Contact, KnowledgeArticle } from '../../../shared/schemas';
import { checkTransition, type TransitionRefusal } from '../../../shared/service/case-workflow';
import { HandlerError } from '../rpc/handler-error';
import { createSalesStore } from '../sales/sales-store';
import type { ServiceDeps } from './service-deps';
import { usersOf } from './user-directory';

const STATUS_WORDS: Readonly<Record<CaseStatus, string>> = {
  new: 'new',
  open: 'open',
  pending_customer: 'waiting on the customer',
  escalated: 'escalated',
  resolved: 'resolved',
  closed: 'closed',
};
const BASE32 = 'ABCDEFGHJKMNPQRSTVWXYZ0123456789';
const MAX_HISTORY = 500;

export type CaseWriteOptions = { readonly newId?: () => string };

/** Case writes: each builds the whole next document and checks it (and the workflow) before the commit. */
export function createCaseWrites(deps: ServiceDeps, options: CaseWriteOptions = {}) {
  const newId = options.newId ?? randomUUID;
  const cases = createSalesStore<Case>('cases', deps);

  /** The contact must be one of the account's people. */
  const checkContact = async (accountId: string, contactId: string | undefined): Promise<void> => {
    if (contactId === undefined) return;
    const contact = (await deps.db.contacts.findOne(contactId).exec())?.toJSON() as Contact | undefined;
    if (!contact) throw new HandlerError('invalid_request', `contactId: no contact with id ${contactId}`);
    if (contact.accountId !== accountId)
      throw new HandlerError('invalid_request', `contactId: ${contact.lastName} is not a contact of this account`);
  };

  /** Someone a case may be given to: the current user, or an active user of the case's team. */
  const checkAssignee = async (assigneeId: string, teamId: string): Promise<void> => {
    if (assigneeId === deps.actor.ownerId) return;
    const user = (await usersOf(deps.db)).get(assigneeId);
    if (!user || !user.active || user.teamId !== teamId) {
      throw new HandlerError('invalid_request', `assigneeId: ${user?.name ?? assigneeId} is not an active member of the case's team`);
    }
  };

  const uniqueCaseNumber = async (at: number): Promise<string> => {
    const day = new Date(at).toISOString().slice(2, 10).replace(/-/g, '');
    for (let attempt = 0; attempt < 20; attempt++) {
      const suffix = Array.from({ length: 4 }, () => BASE32[randomInt(BASE32.length)]).join('');
      const caseNumber = `CS-${day}-${suffix}`;
      if ((await deps.db.cases.count({ selector: { caseNumber } }).exec()) === 0) return caseNumber;
    }
    throw new HandlerError('internal', 'No free case number was found for today');
  };

  return {
    cases,

    async create(values: CaseValues): Promise<Stored<Case>> {
      const account = (await deps.db.accounts.findOne(values.accountId).exec())?.toJSON() as Account | undefined;
      if (!account) throw new HandlerError('invalid_request', `accountId: no account with id ${values.accountId}`);
      await checkContact(account.id, values.contactId);
      if (values.visitId !== undefined) {
        const visit = (await deps.db.activities.findOne(values.visitId).exec())?.toJSON() as Activity | undefined;
        if (!visit || visit.type !== 'visit') throw new HandlerError('invalid_request', `visitId: no visit with id ${values.visitId}`);
        if (visit.accountId !== undefined && visit.accountId !== account.id) {
          throw new HandlerError('invalid_request', 'visitId: the visit was at another account');
        }
      }
      const actor = deps.actor;
      const { assigneeId: requested, ...fields } = values;
      const assigneeId = requested === undefined ? actor.ownerId : requested;
      if (assigneeId !== null) await checkAssignee(assigneeId, actor.teamId);
      const at = deps.now();
      const doc = cases.validate({
        ...fields,
        id: newId(),
        caseNumber: await uniqueCaseNumber(at),
        ownerId: actor.ownerId,
        teamId: actor.teamId,
        createdAt: at,
        updatedAt: at,
        ...(assigneeId !== null ? { assigneeId } : {}),
        status: 'new',
        openedAt: at,
        statusHistory: [{ status: 'new', at, byUserId: actor.ownerId }],
      });
      return cases.insert(doc);
    },

    async update(
      id: string,
      patch: Partial<Pick<Case, 'subject' | 'description' | 'priority' | 'channel' | 'category' | 'contactId'>>,
      unset: ReadonlyArray<'contactId' | 'description' | 'category'>,
      expectedRevision: string | undefined,
    ): Promise<Stored<Case>> {
      const current = (await cases.mustFind(id)).toJSON() as Case;
      if (patch.contactId !== undefined) await checkContact(current.accountId, patch.contactId);
      return cases.modify(
        id,
        (c) => {
          if (c.status === 'closed')
            throw new HandlerError('invalid_state', 'A closed case is kept as it was closed; reopen it to change it.', 'closed');
          const next: Record<string, unknown> = { ...c, ...patch };
          for (const field of unset) delete next[field];
          return next as Case;
        },
        expectedRevision,
      );
    },

    /**
     * One workflow move (shared/service/case-workflow.ts). Leaving `new` the first time stamps the
     * first response; resolving stamps `resolvedAt` and freezes the SLA outcome; closing stamps
     * `closedAt`; reopening clears all three (the history keeps when it was resolved).
     */
    async transition(id: string, status: CaseStatus, expectedRevision: string | undefined): Promise<Stored<Case>> {
      const ref = await deps.sla.current();
      const tierOf = async (accountId: string) =>
        deps.cases.accountTier(accountId) ?? ((await deps.db.accounts.findOne(accountId).exec())?.toJSON() as Account | undefined)?.tier;
      const current = (await cases.mustFind(id)).toJSON() as Case;
      const tier = await tierOf(current.accountId);
      return cases.modify(
        id,
        (c) => {
          const at = Math.max(deps.now(), c.statusHistory[c.statusHistory.length - 1]?.at ?? 0);
          const check = checkTransition(c.status, status, {
            resolvedAt: resolvedAtOf(c),
            reopenWindowDays: ref.reopenWindowDays(c.priority, tier),
            now: at,
          });
          if (!check.ok) {
            const days = ref.reopenWindowDays(c.priority, tier);
            throw new HandlerError('invalid_state', refusal(check.reason, c, status, days), check.reason, { days });
          }
          if (c.statusHistory.length >= MAX_HISTORY) {
            throw new HandlerError('invalid_state', `This case has reached ${MAX_HISTORY} status changes; nothing was changed.`);
          }
          const next: Case = {
            ...c,
            status,
            statusHistory: [...c.statusHistory, { status, at, byUserId: deps.actor.ownerId }],
          };
          if (c.status === 'new' && next.firstRespondedAt === undefined) next.firstRespondedAt = at;
          if (check.reopen) {
            delete next.resolvedAt;
            delete next.closedAt;
            delete next.slaOutcome;
          }
          if (status === 'resolved') {
            next.resolvedAt = at;
            const outcome = ref.outcomeAt(next, tier, at);
            if (outcome) next.slaOutcome = outcome;
            else delete next.slaOutcome;
          }
          if (status === 'closed') next.closedAt = at;
          return next;
        },
        expectedRevision,
      );
    },

    async assign(id: string, assigneeId: string | null, expectedRevision: string | undefined): Promise<Stored<Case>> {
      const current = (await cases.mustFind(id)).toJSON() as Case;
      if (assigneeId !== null) await checkAssignee(assigneeId, current.teamId);
      return cases.modify(
        id,
        (c) => {
          if (c.status === 'closed')
            throw new HandlerError('invalid_state', 'A closed case cannot be reassigned; reopen it first.', 'closed');
          const next: Case = { ...c };
          if (assigneeId === null) delete next.assigneeId;
          else next.assigneeId = assigneeId;
          return next;
        },
        expectedRevision,
      );
    },

    async linkArticle(id: string, articleId: string, linked: boolean): Promise<Stored<Case>> {
      if (linked) {
        const article = (await deps.db.knowledge.findOne(articleId).exec())?.toJSON() as KnowledgeArticle | undefined;
        if (!article || article.kind !== 'knowledge_article')
          throw new HandlerError('invalid_request', `articleId: no article with id ${articleId}`);
        if (article.status !== 'published') {
          throw new HandlerError('invalid_state', `"${article.title}" is not published; only published articles can be linked.`);
        }
      }
      return cases.modify(id, (c) => {
        const ids = (c.knowledgeArticleIds ?? []).filter((a) => a !== articleId);
        const helpful = (c.helpfulArticleIds ?? []).filter((a) => a !== articleId || linked);
        if (linked) ids.push(articleId);
        if (ids.length > 50) throw new HandlerError('invalid_state', 'A case links at most 50 articles.');
        return withList(withList(c, 'knowledgeArticleIds', ids), 'helpfulArticleIds', helpful);
      });
    },

    async markHelpful(id: string, articleId: string, helpful: boolean): Promise<Stored<Case>> {
      return cases.modify(id, (c) => {
        if (!(c.knowledgeArticleIds ?? []).includes(articleId)) {
          throw new HandlerError('invalid_state', 'Only an article linked to the case can be marked as helpful; link it first.');
        }
        const ids = (c.helpfulArticleIds ?? []).filter((a) => a !== articleId);
        if (helpful) ids.push(articleId);
        return withList(c, 'helpfulArticleIds', ids);
      });
    },
  };
}

function withList(c: Case, field: 'knowledgeArticleIds' | 'helpfulArticleIds', ids: string[]): Case {
  const next: Case = { ...c };
  if (ids.length > 0) next[field] = ids;
  else delete next[field];
  return next;
}

/** When the reopen window started: the resolution (a case synced without the stamp: its last move to resolved). */
export function resolvedAtOf(c: Pick<Case, 'resolvedAt' | 'closedAt' | 'statusHistory'>): number | undefined {
  if (c.resolvedAt !== undefined) return c.resolvedAt;
  for (let i = c.statusHistory.length - 1; i >= 0; i--) if (c.statusHistory[i]?.status === 'resolved') return c.statusHistory[i]?.at;
  return c.closedAt;
}

function refusal(reason: TransitionRefusal, c: Case, to: CaseStatus, windowDays: number): string {
  switch (reason) {
    case 'same_status':
      return `The case is ${STATUS_WORDS[c.status]} already; nothing was changed.`;
    case 'not_allowed':
      return `A case that is ${STATUS_WORDS[c.status]} cannot be set to ${STATUS_WORDS[to]}; nothing was changed.`;
    case 'reopen_window_passed':
      return `The case was resolved more than ${windowDays} days ago and can no longer be reopened; nothing was changed.`;
  }
}
