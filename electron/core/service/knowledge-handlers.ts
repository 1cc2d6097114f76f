import { randomUUID } from 'node:crypto';
import type { RxDocument } from 'rxdb';
import { ok } from '../../../shared/contract';
import type { ArticleHit, ArticleRecord, ArticleValues } from '../../../shared/contract/service/knowledge-requests';
import type { KnowledgeArticle, KnowledgeDoc } from '../../../shared/schemas';
import { defineHandlers } from '../rpc/dispatcher';
import { HandlerError } from '../rpc/handler-error';
import { editAccess, requireEditor } from '../sales/org-access';
import { createSalesStore, toStored } from '../sales/sales-store';
import { createArticleCatalog } from './knowledge-catalog';
import { createArticleUsage } from './knowledge-usage';
import { createMatcher, highlight, markdownToPlain, snippetOf, stripMarkers, suggestTerms } from './knowledge-text';
import type { ServiceDeps } from './service-deps';

const KIND = 'knowledge_article';
/** A language filter is applied to ranked hits: this many are read per hit asked for. */
const LANGUAGE_OVERFETCH = 5;

/** Values as stored: markers stripped, blank optional text absent, tags trimmed and unique. */
function articleFields(values: ArticleValues): Pick<KnowledgeArticle, keyof ArticleValues> {
  const clean = (text: string | undefined): string => stripMarkers(text ?? '').trim();
  const summary = clean(values.summary);
  const category = clean(values.category);
  const tags = [...new Set((values.tags ?? []).map(clean).filter((tag) => tag.length > 0))];
  return {
    title: clean(values.title),
    body: stripMarkers(values.body),
    language: values.language,
    status: values.status,
    ...(summary ? { summary } : {}),
    ...(category ? { category } : {}),
    ...(tags.length > 0 ? { tags } : {}),
  };
}

/**
 * The knowledge base: reps read published articles, managers (and a device's single local user)
 * read everything and write. Search runs on the shared full-text index (search/), where articles
 * that are not published sit under their own type code, so leaving them out costs nothing.
 */
export function createKnowledgeHandlers(deps: ServiceDeps) {
  const store = createSalesStore<KnowledgeDoc>('knowledge', deps);
  const usage = createArticleUsage(deps.db);
  const catalog = createArticleCatalog(deps.db);
  deps.onClose(() => {
    usage.close();
    catalog.close();
  });
  const seesAll = (): boolean => editAccess(deps.session()).canEdit;

  async function record(doc: RxDocument<KnowledgeDoc>): Promise<ArticleRecord> {
    const article = toStored(doc) as KnowledgeArticle & { revision: string };
    return { ...article, ...(await usage.usage(article.id)) };
  }

  /** Reps are told a draft does not exist, as the server would not send it to them. */
  async function article(id: string): Promise<RxDocument<KnowledgeDoc>> {
    const doc = await deps.db.knowledge.findOne(id).exec();
    const data = doc?.toJSON(false);
    if (!doc || data?.kind !== KIND || (data.status !== 'published' && !seesAll())) {
      throw new HandlerError('not_found', `No knowledge article with id ${id}`);
    }
    return doc;
  }

  /** Ranked hits with snippets; `ids` are the index's answer, best first. */
  async function toHits(
    ids: ReadonlyArray<string>,
    scores: ReadonlyArray<number>,
    query: string,
    language: string | undefined,
    limit: number,
  ) {
    const found = await deps.db.knowledge.findByIds([...ids]).exec();
    const matcher = createMatcher(query);
    const hits: ArticleHit[] = [];
    for (let i = 0; i < ids.length && hits.length < limit; i++) {
      const data = found.get(ids[i] as string)?.toJSON(false);
      if (data?.kind !== KIND || (language !== undefined && data.language !== language)) continue;
      hits.push({
        id: data.id,
        title: data.title,
        titleHighlighted: highlight(data.title, matcher),
        snippet: snippetOf(markdownToPlain(data.body) || (data.summary ?? ''), matcher),
        category: data.category ?? null,
        language: data.language,
        status: data.status,
        score: scores[i] as number,
      });
    }
    return hits;
  }

  return defineHandlers({
    'knowledge.list': async ({ filter, sort, offset, limit }) => {
      const statuses = seesAll() ? filter.status : ['published' as const].filter((s) => !filter.status || filter.status.includes(s));
      const { ids, total } = await catalog.list({ statuses, categories: filter.category, languages: filter.language, sort, offset, limit });
      const found = await store.collection.findByIds(ids).exec();
      const rows: ArticleRecord[] = [];
      for (const id of ids) {
        const doc = found.get(id);
        // Rows leave the body out: a list shows titles, and bodies run to 200,000 characters.
        if (doc) rows.push({ ...(await record(doc)), body: '' });
      }
      return ok({ rows, total, offset });
    },

    'knowledge.get': async ({ id }) => ok(await record(await article(id))),

    'knowledge.categories': async () => ok({ categories: await catalog.categories(seesAll() ? undefined : ['published']) }),

    'knowledge.search': async ({ text, language, limit }) => {
      const asked = language === undefined ? limit : Math.min(200, limit * LANGUAGE_OVERFETCH);
      const found = deps.search().search(text, { types: ['article'], unpublished: seesAll(), limit: asked });
      const hits = await toHits(
        found.map((hit) => hit.id),
        found.map((hit) => hit.score),
        text,
        language,
        limit,
      );
      return ok({ hits });
    },

    'knowledge.suggest': async ({ caseId, limit }) => {
      const found = await deps.db.cases.findOne(caseId).exec();
      if (!found) throw new HandlerError('not_found', `No case with id ${caseId}`);
      const data = found.toJSON(false);
      const linked = new Set(data.knowledgeArticleIds ?? []);
      const terms = suggestTerms(data.subject, data.description ?? '');
      const ranked = deps.search().searchAnyOf(terms, { types: ['article'], limit: limit + linked.size });
      const open = ranked.filter((hit) => !linked.has(hit.id));
      const hits = await toHits(
        open.map((hit) => hit.id),
        open.map((hit) => hit.score),
        terms.join(' '),
        undefined,
        limit,
      );
      // Published only, whoever asks: a suggestion is for the customer in front of the rep.
      return ok({ hits: hits.filter((hit) => hit.status === 'published') });
    },

    'knowledge.save': async ({ id, values, expectedRevision }) => {
      requireEditor(deps.session(), 'edit knowledge articles');
      const fields = articleFields(values);
      if (id === undefined) {
        const at = deps.now();
        const doc: KnowledgeArticle = {
          id: randomUUID(),
          ownerId: deps.actor.ownerId,
          teamId: deps.actor.teamId,
          createdAt: at,
          updatedAt: at,
          kind: KIND,
          ...fields,
          articleVersion: 1,
          ...(fields.status === 'published' ? { publishedAt: at } : {}),
        };
        store.validate(doc);
        const inserted = await store.collection.insert(doc as never);
        return ok(await record(inserted as RxDocument<KnowledgeDoc>));
      }
      await article(id);
      const saved = await store.modify(
        id,
        (current) => {
          const previous = current as KnowledgeArticle;
          const publishedAt = previous.publishedAt ?? (fields.status === 'published' ? deps.now() : undefined);
          const { summary: _s, category: _c, tags: _t, publishedAt: _p, ...kept } = previous;
          return { ...kept, ...fields, articleVersion: previous.articleVersion + 1, ...(publishedAt ? { publishedAt } : {}) };
        },
        expectedRevision,
      );
      const doc = await store.mustFind(saved.id);
      return ok(await record(doc));
    },
  });
}
