import { randomUUID } from 'node:crypto';
import type { MangoQuerySelector } from 'rxdb';
import { ok } from '../../../../shared/contract';
import type { TemplateValues } from '../../../../shared/contract/marketing/templates-requests';
import type { EmailTemplate, MarketingDoc } from '../../../../shared/schemas';
import type { StoreDeps } from '../../customers/record-store';
import { toStored } from '../../db/validated-documents';
import { defineHandlers } from '../../rpc/dispatcher';
import { HandlerError } from '../../rpc/handler-error';
import { createSalesStore } from '../../sales/sales-store';
import { requireValidTemplate } from './template-checks';

const KIND = 'email_template';

/** The name trimmed; subject and body as typed (a body's leading spaces may be Markdown indentation). */
function cleanValues<T extends Partial<TemplateValues>>(values: T): T {
  return values.name === undefined ? values : { ...values, name: values.name.trim() };
}

/**
 * E-mail templates live in the marketing collection beside campaigns and sync like them. A
 * template whose merge fields do not parse is refused with the mistakes in words and nothing is
 * written; archiving keeps a template (sent messages name it) while taking it out of the lists.
 */
export function createTemplatesHandlers(deps: StoreDeps, options: { readonly newId?: () => string } = {}) {
  const newId = options.newId ?? randomUUID;
  const store = createSalesStore<MarketingDoc>('marketing', deps);

  /** A template, or `not_found` for any other kind of marketing record with that id. */
  async function template(id: string): Promise<EmailTemplate> {
    const data = (await store.collection.findOne(id).exec())?.toJSON(false);
    if (data?.kind !== KIND) throw new HandlerError('not_found', `No e-mail template with id ${id}`);
    return data;
  }

  const stored = async (id: string) => toStored(await store.mustFind(id)) as EmailTemplate & { revision: string };

  return defineHandlers({
    'templates.list': async ({ language, includeArchived, offset, limit }) => {
      const selector: MangoQuerySelector<MarketingDoc> = { kind: KIND };
      if (language !== undefined) Object.assign(selector, { language });
      if (!includeArchived) Object.assign(selector, { archived: { $ne: true } });
      const [docs, total] = await Promise.all([
        store.collection.find({ selector, sort: [{ updatedAt: 'desc' }], skip: offset, limit }).exec(),
        store.collection.count({ selector }).exec(),
      ]);
      return ok({ rows: docs.map((doc) => toStored(doc) as EmailTemplate & { revision: string }), total, offset });
    },

    'templates.get': async ({ id }) => {
      await template(id);
      return ok(await stored(id));
    },

    'templates.create': async ({ values }) => {
      const fields = cleanValues(values);
      requireValidTemplate(fields);
      const at = deps.now();
      const doc: EmailTemplate = {
        id: newId(),
        ownerId: deps.actor.ownerId,
        teamId: deps.actor.teamId,
        createdAt: at,
        updatedAt: at,
        // Templates are written for the team: every rep of it writes campaigns and follow-ups from them.
        visibility: 'team',
        kind: KIND,
        ...fields,
      };
      return ok((await store.insert(doc)) as EmailTemplate & { revision: string });
    },

    'templates.update': async ({ id, patch, expectedRevision }) => {
      const current = await template(id);
      const fields = cleanValues(patch);
      requireValidTemplate({ subject: fields.subject ?? current.subject, body: fields.body ?? current.body });
      const saved = await store.modify(id, (doc) => ({ ...(doc as EmailTemplate), ...fields }), expectedRevision);
      return ok(saved as EmailTemplate & { revision: string });
    },

    'templates.archive': async ({ id, archived }) => {
      await template(id);
      const saved = await store.modify(id, (doc) => {
        const { archived: _previous, ...rest } = doc as EmailTemplate;
        return archived ? { ...rest, archived: true } : rest;
      });
      return ok(saved as EmailTemplate & { revision: string });
    },
  });
}
