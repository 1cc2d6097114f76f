import type { Subscription } from 'rxjs';
import type { Case } from '../../../shared/schemas';
import type { CrmDatabase } from '../db/open-crm-database';

/** How many cases (that this device holds) link an article, and how many say it helped. */
export type ArticleUsage = { readonly helpfulCount: number; readonly linkedCaseCount: number };

export type ArticleUsageSource = {
  usage(articleId: string): Promise<ArticleUsage>;
  close(): void;
};

type CaseLinks = { readonly linked: ReadonlyArray<string>; readonly helpful: ReadonlyArray<string> };
type LinkFields = Partial<Pick<Case, 'knowledgeArticleIds' | 'helpfulArticleIds'>> & { readonly _deleted?: boolean };

const NONE: CaseLinks = { linked: [], helpful: [] };

function linksOf(doc: LinkFields): CaseLinks {
  if (doc._deleted === true) return NONE;
  const linked = doc.knowledgeArticleIds ?? [];
  const helpful = doc.helpfulArticleIds ?? [];
  return linked.length === 0 && helpful.length === 0 ? NONE : { linked, helpful };
}

/**
 * Per-article counts over every case, kept in memory: built by one scan of the cases that link
 * any article (on first use) and then kept current from the cases' change stream, so an article
 * page never walks 200,000 cases. Only cases with links are remembered.
 */
export function createArticleUsage(db: CrmDatabase): ArticleUsageSource {
  const byCase = new Map<string, CaseLinks>();
  const linkedCount = new Map<string, number>();
  const helpfulCount = new Map<string, number>();
  let ready: Promise<void> | null = null;
  let subscription: Subscription | null = null;

  const bump = (counts: Map<string, number>, ids: ReadonlyArray<string>, by: number): void => {
    for (const id of new Set(ids)) {
      const next = (counts.get(id) ?? 0) + by;
      if (next <= 0) counts.delete(id);
      else counts.set(id, next);
    }
  };

  const setCase = (caseId: string, links: CaseLinks): void => {
    const before = byCase.get(caseId) ?? NONE;
    bump(linkedCount, before.linked, -1);
    bump(helpfulCount, before.helpful, -1);
    bump(linkedCount, links.linked, 1);
    bump(helpfulCount, links.helpful, 1);
    if (links === NONE) byCase.delete(caseId);
    else byCase.set(caseId, links);
  };

  const start = async (): Promise<void> => {
    // Changes that arrive while the scan runs are newer than what the scan read: they win.
    const seen = new Set<string>();
    subscription = db.cases.$.subscribe((event) => {
      seen.add(event.documentId);
      setCase(event.documentId, event.operation === 'DELETE' ? NONE : linksOf(event.documentData as LinkFields));
    });
    const docs = await db.cases
      .find({ selector: { $or: [{ knowledgeArticleIds: { $exists: true } }, { helpfulArticleIds: { $exists: true } }] } })
      .exec();
    for (const doc of docs) {
      if (!seen.has(doc.id)) setCase(doc.id, linksOf(doc.toJSON(false) as LinkFields));
    }
  };

  return {
    async usage(articleId) {
      ready ??= start();
      await ready;
      return { helpfulCount: helpfulCount.get(articleId) ?? 0, linkedCaseCount: linkedCount.get(articleId) ?? 0 };
    },
    close() {
      subscription?.unsubscribe();
    },
  };
}
