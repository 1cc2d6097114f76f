import type { KnowledgeArticle } from '../../../shared/schemas';
import { DAY_MS, SeedRandom } from './seed-random';
import { CATALOG, type CatalogItem } from './seed-tables';
import { ISSUES, PRODUCT_NAMES, TIPS, VARIANTS, type Family, type Issue } from './seed-knowledge-tables';

/** Articles in the demo knowledge base (English and Chinese, about half each). */
export const ARTICLE_COUNT = 2_400;

/** One problem with one product: what an article (and a case) is about. */
export type Topic = { readonly product: CatalogItem; readonly issue: Issue };

/** Every (product, problem) pair that makes sense: a scanner can overheat, a training cannot. */
export const TOPICS: ReadonlyArray<Topic> = CATALOG.flatMap((product) =>
  ISSUES.filter((issue) => issue.families.includes(product.family as Family)).map((issue) => ({ product, issue })),
);

/**
 * How many articles a dataset of `accounts` gets: the full knowledge base from 1,000 accounts (the
 * default demo) up, and for the small datasets tests seed, every topic once in each language.
 */
export function articleCountFor(accounts: number): number {
  return Math.min(ARTICLE_COUNT, Math.max(TOPICS.length * 2, Math.round(accounts * 2.4)));
}

export type ArticleOwner = { readonly ownerId: string; readonly teamId: string };

/**
 * Article #index: its topic, language and platform follow from the index (so the first articles
 * cover every topic in both languages before any topic gets a second variant), the rest is drawn
 * from a stream reseeded per article, so article #i is the same whatever the count.
 */
export function generateArticle(r: SeedRandom, index: number, ref: number, owner: ArticleOwner): KnowledgeArticle {
  r.reseed('knowledge', index);
  const { product, issue } = topicOfArticle(index);
  const chinese = index % 2 === 1;
  const variant = VARIANTS[Math.floor(index / (TOPICS.length * 2)) % VARIANTS.length] ?? ['', ''];
  const [nameEn, nameZh] = PRODUCT_NAMES[product.sku] ?? [product.name, product.name];
  const title = chinese
    ? `${nameZh}${issue.zh}${variant[1] ? `（${variant[1]}）` : ''}`
    : `${capitalise(nameEn)} ${issue.en}${variant[0] ? ` (${variant[0]})` : ''}`;
  const created = ref - r.int(20, 1_000) * DAY_MS;
  const edits = r.weighted([
    [1, 6],
    [2, 3],
    [3, 2],
    [5, 1],
  ] as const);
  const updated = Math.min(ref, created + (edits - 1) * r.int(5, 90) * DAY_MS);
  const status = r.weighted([
    ['published', 85],
    ['draft', 8],
    ['archived', 7],
  ] as const);
  const tip = r.pick(TIPS);
  const summary = chinese
    ? `${nameZh}出现“${issue.zh}”时的原因和处理步骤。`
    : `What to do when the ${nameEn} ${issue.en}: the usual cause and the steps that fix it.`;
  const steps = chinese ? issue.stepsZh : issue.stepsEn;
  const body = chinese
    ? [
        `# ${title}`,
        summary,
        '## 症状',
        `- 客户反映${nameZh}${issue.zh}。\n- 问题在${r.pick(['更换设备后', '升级后', '月底结账时', '多个站点同时'])}出现。`,
        '## 原因',
        issue.causeZh,
        '## 解决步骤',
        steps.map((s, i) => `${i + 1}. ${s}`).join('\n'),
        '## 适用范围',
        `- ${nameZh}（${product.sku}）${variant[1] ? `\n- ${variant[1]}` : ''}`,
        `> **提示：** ${tip[1]}`,
      ]
    : [
        `# ${title}`,
        summary,
        '## Symptoms',
        `- The customer reports that the ${nameEn} ${issue.en}.\n- It started ${r.pick(['after a device swap', 'after an update', 'at month end', 'at several sites at once'])}.`,
        '## Cause',
        issue.causeEn,
        '## Resolution',
        steps.map((s, i) => `${i + 1}. ${s}`).join('\n'),
        '## Applies to',
        `- ${capitalise(nameEn)} (${product.sku})${variant[0] ? `\n- ${variant[0]}` : ''}`,
        `> **Tip:** ${tip[0]}`,
      ];
  return {
    id: r.uuid(),
    ...owner,
    createdAt: created,
    updatedAt: updated,
    kind: 'knowledge_article',
    title,
    summary,
    body: body.join('\n\n'),
    category: issue.category,
    language: chinese ? 'zh-CN' : 'en',
    status,
    articleVersion: edits,
    ...(status === 'draft' ? {} : { publishedAt: Math.min(updated, created + r.int(0, 5) * DAY_MS) }),
    tags: [...issue.tags, product.sku.toLowerCase(), product.family.toLowerCase()],
    viewCount: status === 'draft' ? 0 : Math.floor(r.next() ** 3 * 5_000),
  };
}

/** Articles #0..count-1 (generated on demand: 20,000 for the benchmark, ARTICLE_COUNT for the demo). */
export function generateArticles(seed: number, count: number, ref: number, owner: ArticleOwner): KnowledgeArticle[] {
  const r = new SeedRandom(seed);
  return Array.from({ length: count }, (_, i) => generateArticle(r, i, ref, owner));
}

export function topicOfArticle(index: number): Topic {
  const topic = TOPICS[Math.floor(index / 2) % TOPICS.length];
  if (!topic) throw new Error('no knowledge topics');
  return topic;
}

/** Published articles per topic and language, for linking cases to the articles that answer them. */
export type ArticleIndex = ReadonlyMap<string, ReadonlyArray<string>>;

export const topicKey = (topic: Topic, language: KnowledgeArticle['language']): string =>
  `${topic.product.sku}|${topic.issue.id}|${language}`;

export function indexArticles(articles: ReadonlyArray<KnowledgeArticle>): ArticleIndex {
  const index = new Map<string, string[]>();
  articles.forEach((article, i) => {
    if (article.status !== 'published') return;
    const key = topicKey(topicOfArticle(i), article.language);
    const ids = index.get(key);
    if (ids) ids.push(article.id);
    else index.set(key, [article.id]);
  });
  return index;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
