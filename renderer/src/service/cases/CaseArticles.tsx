import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseDetail } from '../../../../shared/contract/service/cases-requests';
import type { ArticleHit } from '../../../../shared/contract/service/knowledge-requests';
import { showToast } from '../../common/toast-store';
import { useLiveQuery } from '../../data/use-live-query';
import { useCrmClient } from '../../transport/client-context';
import { Highlighted } from '../knowledge/Highlighted';

const SEARCH_DELAY_MS = 200;
const articlePath = (id: string): string => `/service/knowledge/${encodeURIComponent(id)}`;

/** Linked articles ("This helped" per article), suggestions from the case's words, and a search to link more. */
export function CaseArticles({ detail }: { readonly detail: CaseDetail }) {
  const { t } = useTranslation('service');
  const client = useCrmClient();
  const searchId = useId();
  const suggest = useLiveQuery('knowledge.suggest', { caseId: detail.id, limit: 5 }, `suggest:${detail.id}`);
  const [text, setText] = useState('');
  const [hits, setHits] = useState<{ text: string; hits: ReadonlyArray<ArticleHit> } | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const linked = new Set(detail.articles.map((a) => a.id));

  useEffect(() => {
    const query = text.trim();
    if (query === '') return;
    let active = true;
    const timer = setTimeout(() => {
      void client.send('knowledge.search', { text: query, limit: 10 }).then((answer) => {
        if (!active) return;
        if (answer.ok) {
          setHits({ text: query, hits: answer.value.hits });
          setSearchError(null);
        } else setSearchError(t('articles.searchFailed', { message: answer.error.message }));
      });
    }, SEARCH_DELAY_MS);
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [client, text, t]);

  const failed = (message: string) => showToast({ tone: 'error', message: t('articles.failed', { message }) });
  const link = (articleId: string, on: boolean): void => {
    void client.send('cases.linkArticle', { id: detail.id, articleId, linked: on }).then((answer) => {
      if (!answer.ok) failed(answer.error.message);
    });
  };
  const helpful = (articleId: string, on: boolean): void => {
    void client.send('cases.markHelpful', { id: detail.id, articleId, helpful: on }).then((answer) => {
      if (!answer.ok) failed(answer.error.message);
    });
  };

  const hitList = (list: ReadonlyArray<ArticleHit>, testId: string) => (
    <ul className="case-hits" data-testid={testId}>
      {list.map((hit) => (
        <li key={hit.id} className="case-hit" data-testid="article-hit">
          <div className="case-hit-main">
            <Link to={articlePath(hit.id)} className="case-hit-title">
              <Highlighted text={hit.titleHighlighted} />
            </Link>
            <p className="case-hit-snippet">
              <Highlighted text={hit.snippet} />
            </p>
          </div>
          {linked.has(hit.id) ? (
            <span className="badge case-linked-badge">{t('articles.isLinked')}</span>
          ) : (
            <button
              type="button"
              className="button rec-button-small"
              aria-label={t('articles.linkLabel', { title: hit.title })}
              onClick={() => link(hit.id, true)}
            >
              {t('articles.link')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );

  const query = text.trim();
  const shownHits = query !== '' && hits?.text === query ? hits.hits : null;
  return (
    <section className="rec-card rec-panel case-articles" aria-labelledby="case-articles-title" data-testid="case-articles">
      <header className="rec-panel-header">
        <h3 id="case-articles-title" className="rec-panel-title">
          {t('articles.title')}
          <span className="rec-count-pill">{detail.articles.length}</span>
        </h3>
      </header>
      <div className="case-pad">
        {detail.articles.length === 0 ? (
          <p className="case-muted">{t('articles.none')}</p>
        ) : (
          <ul className="case-linked" aria-label={t('articles.linked')} data-testid="linked-articles">
            {detail.articles.map((article) => (
              <li key={article.id} className="case-linked-item">
                <Link to={articlePath(article.id)} className="case-linked-title">
                  {article.title}
                </Link>
                <button
                  type="button"
                  className={`rec-chip case-helped${article.helpful ? ' rec-chip-active' : ''}`}
                  aria-pressed={article.helpful}
                  aria-label={t('articles.helpedLabel', { title: article.title })}
                  onClick={() => helpful(article.id, !article.helpful)}
                >
                  {t('articles.helped')}
                </button>
                <button
                  type="button"
                  className="button rec-button-ghost rec-button-small"
                  aria-label={t('articles.unlinkLabel', { title: article.title })}
                  onClick={() => link(article.id, false)}
                >
                  {t('articles.unlink')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="rec-field case-search">
          <label htmlFor={searchId} className="rec-field-label">
            {t('articles.search')}
          </label>
          <input
            id={searchId}
            type="search"
            className="rec-input"
            value={text}
            placeholder={t('articles.searchPlaceholder')}
            maxLength={200}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        {searchError ? (
          <p className="rec-banner rec-banner-error" role="alert">
            {searchError}
          </p>
        ) : null}
        {query !== '' ? (
          <div aria-live="polite">
            {shownHits === null ? null : shownHits.length === 0 ? (
              <p className="case-muted">{t('articles.noHits', { text: query })}</p>
            ) : (
              <>
                <h4 className="case-subhead">{t('articles.results', { count: shownHits.length })}</h4>
                {hitList(shownHits, 'article-results')}
              </>
            )}
          </div>
        ) : (
          <>
            <h4 className="case-subhead">{t('articles.suggestions')}</h4>
            {suggest.status === 'ready' ? (
              suggest.result.hits.length === 0 ? (
                <p className="case-muted">{t('articles.noSuggestions')}</p>
              ) : (
                hitList(suggest.result.hits, 'article-suggestions')
              )
            ) : suggest.status === 'error' ? (
              <p className="case-muted" role="alert">
                {t('articles.suggestFailed')}
              </p>
            ) : (
              <div className="rec-panel-skeleton" aria-hidden="true" />
            )}
          </>
        )}
      </div>
    </section>
  );
}
