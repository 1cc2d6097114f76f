import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CrmError } from '../../../../shared/contract';
import type { ArticleHit } from '../../../../shared/contract/service/knowledge-requests';
import { EmptyState, ErrorState } from '../../common/StateViews';
import { useCrmClient } from '../../transport/client-context';
import { Highlighted } from './Highlighted';

type Answer = { readonly key: string; readonly hits: ReadonlyArray<ArticleHit> } | { readonly key: string; readonly error: CrmError };

/** Ranked article hits for what the user typed, with matches marked in the title and a passage of the text. */
export function SearchResults({ text, language }: { readonly text: string; readonly language: 'en' | 'zh-CN' | undefined }) {
  const { t } = useTranslation('knowledge');
  const client = useCrmClient();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const key = `${language ?? ''}|${text}`;

  useEffect(() => {
    let current = true;
    // Searching costs milliseconds in the core: results follow typing, stale answers are dropped.
    const timer = setTimeout(() => {
      void client.send('knowledge.search', { text, limit: 30, ...(language ? { language } : {}) }).then((result) => {
        if (current) setAnswer(result.ok ? { key, hits: result.value.hits } : { key, error: result.error });
      });
    }, 40);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, text, language, key]);

  const fresh = answer && answer.key === key ? answer : null;
  if (fresh && 'error' in fresh) return <ErrorState title={t('article.loadFailed')} error={fresh.error} />;
  // The previous answer stays on screen until the new one arrives (no flicker while typing).
  const shown = fresh ?? answer;
  const hits = shown && 'hits' in shown ? shown.hits : [];
  return (
    <section className="kb-results" aria-label={t('resultsLabel')} aria-busy={!fresh}>
      <p className="kb-count" role="status" aria-live="polite">
        {fresh ? t('results', { count: fresh.hits.length, text }) : t('searching')}
      </p>
      {fresh && fresh.hits.length === 0 ? <EmptyState title={t('noResultsTitle', { text })} body={t('noResultsBody')} /> : null}
      <ol className="kb-hit-list" data-testid="kb-results">
        {hits.map((hit) => (
          <li key={hit.id} className="kb-hit">
            <Link className="kb-hit-title" to={`/service/knowledge/${encodeURIComponent(hit.id)}`} data-testid="kb-hit">
              <Highlighted text={hit.titleHighlighted} />
            </Link>
            <p className="kb-hit-snippet">
              <Highlighted text={hit.snippet} />
            </p>
            <p className="kb-hit-meta">
              {hit.category ? <span>{hit.category}</span> : null}
              <span lang={hit.language}>{t(`languages.${hit.language}`)}</span>
              {hit.status !== 'published' ? (
                <span className={`kb-status kb-status-${hit.status}`}>{t(`statuses.${hit.status}`)}</span>
              ) : null}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
