import { z } from 'zod';
import { ARTICLE_LANGUAGES, ARTICLE_STATUSES, knowledgeArticleSchema, type KnowledgeArticle } from '../../schemas/knowledge';
import { idSchema } from '../../schemas/primitives';
import { request } from '../define-request';
import { anyOf, sortDirectionSchema, windowShape, type ListWindow, type Stored } from '../paging';

/** An article as lists and pages show it. */
export type ArticleRecord = Stored<KnowledgeArticle> & {
  /** Cases (that this device holds) marking the article "this helped". */
  readonly helpfulCount: number;
  /** Cases (that this device holds) the article is linked to. */
  readonly linkedCaseCount: number;
};

/**
 * Snippets mark matched terms with these two characters (never in article text: the core strips
 * them), so the screen highlights without parsing HTML.
 */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

export type ArticleHit = {
  readonly id: string;
  readonly title: string;
  /** A passage of the body around the matches, with HIGHLIGHT_START/END around each match. */
  readonly snippet: string;
  /** The title with its matches marked the same way. */
  readonly titleHighlighted: string;
  readonly category: string | null;
  readonly language: KnowledgeArticle['language'];
  readonly status: KnowledgeArticle['status'];
  /** Higher is better (negated bm25); comparable only within one answer. */
  readonly score: number;
};

export const ARTICLE_SORT_FIELDS = ['updatedAt', 'title'] as const;

/** Reps see published articles only; managers (and the local user) see drafts and archived ones too. */
export const articleListParamsSchema = z.strictObject({
  filter: z
    .strictObject({
      status: anyOf(z.enum(ARTICLE_STATUSES)),
      category: anyOf(z.string().max(80)),
      language: anyOf(z.enum(ARTICLE_LANGUAGES)),
    })
    .default({}),
  sort: z
    .strictObject({ field: z.enum(ARTICLE_SORT_FIELDS), direction: sortDirectionSchema })
    .default({ field: 'updatedAt', direction: 'desc' }),
  ...windowShape,
});
export type ArticleListParams = z.input<typeof articleListParamsSchema>;

/** What a manager writes; version, timestamps and publishing date are the core's. */
export const articleValuesSchema = knowledgeArticleSchema.pick({
  title: true,
  summary: true,
  body: true,
  category: true,
  language: true,
  status: true,
  tags: true,
});
export type ArticleValues = z.infer<typeof articleValuesSchema>;

export const knowledgeRequests = {
  /** Rows carry an empty `body` (a list shows titles; bodies run to 200,000 characters): knowledge.get has it. */
  'knowledge.list': request(articleListParamsSchema).returns<
    ListWindow<KnowledgeArticle> & { readonly rows: ReadonlyArray<ArticleRecord> }
  >(),
  'knowledge.get': request(z.strictObject({ id: idSchema })).returns<ArticleRecord>(),
  /** The categories in use, for the filter. */
  'knowledge.categories': request(z.strictObject({})).returns<{ readonly categories: ReadonlyArray<string> }>(),
  /** Full text over title, summary, body and tags (FTS5; prefix and CJK handling as global search), best first. */
  'knowledge.search': request(
    z.strictObject({
      text: z.string().max(200),
      language: z.enum(ARTICLE_LANGUAGES).optional(),
      limit: z.int().min(1).max(50).default(20),
    }),
  ).returns<{ readonly hits: ReadonlyArray<ArticleHit> }>(),
  /** Published articles that match a case's subject and description, linked ones left out. */
  'knowledge.suggest': request(z.strictObject({ caseId: idSchema, limit: z.int().min(1).max(20).default(5) })).returns<{
    readonly hits: ReadonlyArray<ArticleHit>;
  }>(),
  /** Managers (and the local user) only; `forbidden` otherwise. A saved edit raises the version by one. */
  'knowledge.save': request(
    z.strictObject({
      id: idSchema.optional(),
      values: z.strictObject(articleValuesSchema.shape),
      expectedRevision: z.string().min(1).max(100).optional(),
    }),
  ).returns<ArticleRecord>(),
} as const;
