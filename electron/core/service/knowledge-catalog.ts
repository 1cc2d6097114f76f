import type { Subscription } from 'rxjs';
import type { ArticleListParams } from '../../../shared/contract/service/knowledge-requests';
import type { KnowledgeArticle } from '../../../shared/schemas';
import type { CrmDatabase } from '../db/open-crm-database';

/** What a list filters and sorts articles by; the body stays in the store. */
type Entry = Pick<KnowledgeArticle, 'id' | 'status' | 'language' | 'category' | 'title' | 'updatedAt'>;

type Query = {
  readonly statuses: ReadonlyArray<string> | undefined;
  readonly categories: ReadonlyArray<string> | undefined;
  readonly languages: ReadonlyArray<string> | undefined;
  readonly sort: NonNullable<ArticleListParams['sort']>;
  readonly offset: number;
  readonly limit: number;
};

export type ArticleCatalog = {
  /** The ids of one window of articles matching the filters, in order, and how many match in all. */
  list(query: Query): Promise<{ ids: string[]; total: number }>;
  /** Categories in use by articles of these statuses (all statuses when undefined). */
  categories(statuses: ReadonlyArray<string> | undefined): Promise<string[]>;
  close(): void;
};

function entryOf(doc: Readonly<Record<string, unknown>>): Entry | null {
  if (doc['kind'] !== 'knowledge_article' || doc['_deleted'] === true) return null;
  const a = doc as unknown as KnowledgeArticle;
  return { id: a.id, status: a.status, language: a.language, category: a.category, title: a.title, updatedAt: a.updatedAt };
}

/**
 * Every article's list fields in memory, read once and then kept current from the knowledge
 * collection's change stream. The collection's indexes serve one status and kind only, and RxDB
 * counts a query its indexes do not cover by loading every matching document, bodies included;
 * 20,000 small entries filter and sort in a few milliseconds instead.
 */
export function createArticleCatalog(db: CrmDatabase): ArticleCatalog {
  const entries = new Map<string, Entry>();
  let ready: Promise<void> | null = null;
  let subscription: Subscription | null = null;
  // Sorted copies of `entries` per sort, dropped on any change: lists re-run on every change
  // anyway, and between changes (scrolling, paging, filtering) no list sorts again.
  const sorted = new Map<string, Entry[]>();
  const set = (id: string, entry: Entry | null): void => {
    sorted.clear();
    if (entry) entries.set(id, entry);
    else entries.delete(id);
  };

  const inOrder = (sort: Query['sort']): Entry[] => {
    const key = `${sort.field}:${sort.direction}`;
    let list = sorted.get(key);
    if (!list) {
      const sign = sort.direction === 'asc' ? 1 : -1;
      // Ties broken by id, so windows never overlap or skip rows.
      list = [...entries.values()].sort((a, b) => {
        const x = a[sort.field];
        const y = b[sort.field];
        return (x < y ? -sign : x > y ? sign : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      });
      sorted.set(key, list);
    }
    return list;
  };

  const start = async (): Promise<void> => {
    // Changes that arrive while the first read runs are newer than what it read: they win.
    const seen = new Set<string>();
    subscription = db.knowledge.$.subscribe((event) => {
      seen.add(event.documentId);
      set(event.documentId, event.operation === 'DELETE' ? null : entryOf(event.documentData as Record<string, unknown>));
    });
    const docs = await db.knowledge.find({ selector: { kind: 'knowledge_article' } }).exec();
    for (const doc of docs) {
      const entry = entryOf(doc.toJSON(false) as Record<string, unknown>);
      if (entry && !seen.has(entry.id)) set(entry.id, entry);
    }
  };
  const loaded = (): Promise<void> => (ready ??= start());

  return {
    async list({ statuses, categories, languages, sort, offset, limit }) {
      await loaded();
      const matching = inOrder(sort).filter(
        (e) =>
          (!statuses || statuses.includes(e.status)) &&
          (!languages || languages.includes(e.language)) &&
          (!categories || (e.category !== undefined && categories.includes(e.category))),
      );
      return { ids: matching.slice(offset, offset + limit).map((e) => e.id), total: matching.length };
    },
    async categories(statuses) {
      await loaded();
      const found = new Set<string>();
      for (const e of entries.values()) if (e.category && (!statuses || statuses.includes(e.status))) found.add(e.category);
      return [...found].sort((a, b) => a.localeCompare(b));
    },
    close() {
      subscription?.unsubscribe();
    },
  };
}
