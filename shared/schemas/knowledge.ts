import { z } from 'zod';
import { baseDocumentShape, epochMsSchema, labelSchema, shortLabelSchema } from './primitives';

export const ARTICLE_STATUSES = ['draft', 'published', 'archived'] as const;

/** A knowledge-base article reps open offline at a customer site; `body` is Markdown. */
export const knowledgeArticleSchema = z.object({
  ...baseDocumentShape,
  title: labelSchema.min(1, 'an article needs a title'),
  summary: z.string().max(1000).optional(),
  body: z.string().max(200_000),
  category: shortLabelSchema.optional(),
  language: z.string().max(35),
  status: z.enum(ARTICLE_STATUSES),
  publishedAt: epochMsSchema.optional(),
  tags: z.array(shortLabelSchema).max(50).optional(),
  viewCount: z.int().min(0).max(1_000_000_000).optional(),
});
export type KnowledgeArticle = z.infer<typeof knowledgeArticleSchema>;

export const knowledgeIndexes = ['updatedAt', 'title', ['status', 'category', 'title']] as const;
