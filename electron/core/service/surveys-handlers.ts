import { randomUUID } from 'node:crypto';
import { ok, type Stored } from '../../../shared/contract';
import type { Account, Activity, Case, Contact, SurveyResponse } from '../../../shared/schemas';
import { csatFigure, npsFigure } from '../../../shared/service/survey-figures';
import { defineHandlers } from '../rpc/dispatcher';
import { HandlerError } from '../rpc/handler-error';
import { createSalesStore } from '../sales/sales-store';
import type { ServiceDeps } from './service-deps';
import { toStored } from '../db/validated-documents';

/** How many answers the account page lists. */
const RECENT = 10;

/**
 * CSAT after a resolved case or a visit, NPS per contact. Each answer is checked against the
 * account it is filed under (its case, visit and contact must be that account's) before it is written.
 */
export function createSurveysHandlers(deps: ServiceDeps, options: { readonly newId?: () => string } = {}) {
  const newId = options.newId ?? randomUUID;
  const surveys = createSalesStore<SurveyResponse>('surveys', deps);
  const find = async <T>(collection: 'accounts' | 'contacts' | 'cases' | 'activities', id: string): Promise<T | undefined> =>
    (await deps.db[collection].findOne(id).exec())?.toJSON() as T | undefined;

  return defineHandlers({
    'surveys.record': async (params) => {
      const account = await find<Account>('accounts', params.accountId);
      if (!account) throw new HandlerError('invalid_request', `accountId: no account with id ${params.accountId}`);
      if (params.contactId !== undefined) {
        const contact = await find<Contact>('contacts', params.contactId);
        if (!contact) throw new HandlerError('invalid_request', `contactId: no contact with id ${params.contactId}`);
        if (contact.accountId !== account.id)
          throw new HandlerError('invalid_request', `contactId: ${contact.lastName} is not a contact of ${account.name}`);
      }
      const links: Partial<Pick<SurveyResponse, 'caseId' | 'visitId'>> = {};
      if (params.survey === 'csat') {
        if (params.caseId !== undefined) {
          const c = await find<Case>('cases', params.caseId);
          if (!c || c.accountId !== account.id)
            throw new HandlerError('invalid_request', `caseId: no case of ${account.name} with id ${params.caseId}`);
          if (c.status !== 'resolved' && c.status !== 'closed') {
            throw new HandlerError(
              'invalid_state',
              `Case ${c.caseNumber} is not resolved yet; a CSAT is recorded after resolution. Nothing was saved.`,
            );
          }
          links.caseId = c.id;
        }
        if (params.visitId !== undefined) {
          const visit = await find<Activity>('activities', params.visitId);
          if (!visit || visit.type !== 'visit' || visit.accountId !== account.id) {
            throw new HandlerError('invalid_request', `visitId: no visit at ${account.name} with id ${params.visitId}`);
          }
          links.visitId = visit.id;
        }
      }
      const at = deps.now();
      const doc = surveys.validate({
        id: newId(),
        ownerId: deps.actor.ownerId,
        teamId: deps.actor.teamId,
        createdAt: at,
        updatedAt: at,
        survey: params.survey,
        score: params.score,
        accountId: account.id,
        ...(params.contactId !== undefined ? { contactId: params.contactId } : {}),
        ...links,
        respondedAt: at,
        ...(params.comment?.trim() ? { comment: params.comment.trim() } : {}),
      });
      return ok(await surveys.insert(doc));
    },

    'surveys.forAccount': async ({ accountId }) => {
      const docs = await surveys.collection.find({ selector: { accountId }, sort: [{ respondedAt: 'desc' }] }).exec();
      const answers = docs.map((doc) => toStored(doc) as Stored<SurveyResponse>);
      const csat = answers.filter((a) => a.survey === 'csat');
      return ok({
        lastCsat: csat[0] ?? null,
        csat: csatFigure(csat.map((a) => a.score)),
        nps: npsFigure(answers.filter((a) => a.survey === 'nps').map((a) => a.score)),
        recent: answers.slice(0, RECENT),
      });
    },
  });
}
