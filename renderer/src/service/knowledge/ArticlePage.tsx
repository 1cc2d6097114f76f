import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ArticleRecord } from '../../../../shared/contract/service/knowledge-requests';
import { ErrorState, LoadingState } from '../../common/StateViews';
import { useToastStore } from '../../common/toast-store';
import { useLiveQuery } from '../../data/use-live-query';
import { useCrmClient } from '../../transport/client-context';
import { ArticleBody } from './ArticleBody';
import { ArticleEditor } from './ArticleEditor';
import './knowledge.css';

/** `/service/knowledge/new` opens the editor for a new article. */
const NEW_ID = 'new';

/**
 * One article, read offline: rendered Markdown (sanitized), its version, status, category, tags,
 * language and how often it helped. Managers edit it here (with a live preview), publish or archive it.
 */
export function ArticlePage() {
  const { t } = useTranslation('knowledge');
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const access = useLiveQuery('org.access', {}, 'access');
  const canEdit = access.status === 'ready' && access.result.canEdit;
  const categories = useLiveQuery('knowledge.categories', {}, 'categories');
  const categoryList = categories.status === 'ready' ? categories.result.categories : [];
  if (id === NEW_ID) {
    if (access.status !== 'ready') return <LoadingState />;
    return (
      <div className="kb-page">
        <Link className="back-link" to="/service/knowledge">
          ← {t('article.back')}
        </Link>
        {canEdit ? (
          <ArticleEditor
            article={null}
            categories={categoryList}
            onDone={(saved) => void navigate(saved ? `/service/knowledge/${encodeURIComponent(saved.id)}` : '/service/knowledge')}
          />
        ) : (
          <p className="kb-note">{t('readOnly')}</p>
        )}
      </div>
    );
  }
  return <ArticleView key={id} id={id} canEdit={canEdit} categories={categoryList} />;
}

type ViewProps = {
  readonly id: string;
  readonly canEdit: boolean;
  readonly categories: ReadonlyArray<string>;
};

function ArticleView({ id, canEdit, categories }: ViewProps) {
  const { t } = useTranslation('knowledge');
  const [editing, setEditing] = useState(false);
  const article = useLiveQuery('knowledge.get', { id }, id);
  const back = (
    <Link className="back-link" to="/service/knowledge">
      ← {t('article.back')}
    </Link>
  );
  if (article.status === 'loading') return <LoadingState label={t('article.loading')} />;
  if (article.status === 'error') {
    return (
      <div className="kb-page">
        {back}
        {article.error.code === 'not_found' ? (
          <p className="kb-note" role="alert">
            {t('article.notFound')}
          </p>
        ) : (
          <ErrorState title={t('article.loadFailed')} error={article.error} />
        )}
      </div>
    );
  }
  return (
    <div className="kb-page">
      {back}
      {editing && canEdit ? (
        <ArticleEditor article={article.result} categories={categories} onDone={() => setEditing(false)} />
      ) : (
        <ArticleReader article={article.result} canEdit={canEdit} onEdit={() => setEditing(true)} />
      )}
    </div>
  );
}

function ArticleReader({
  article,
  canEdit,
  onEdit,
}: {
  readonly article: ArticleRecord;
  readonly canEdit: boolean;
  readonly onEdit: () => void;
}) {
  const { t, i18n } = useTranslation('knowledge');
  const client = useCrmClient();
  const show = useToastStore((state) => state.show);
  const date = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }), [i18n.language]);

  const setStatus = async (status: ArticleRecord['status']): Promise<void> => {
    const { title, summary, body, category, language, tags } = article;
    const answer = await client.send('knowledge.save', {
      id: article.id,
      expectedRevision: article.revision,
      values: { title, summary, body, category, language, tags: tags ? [...tags] : undefined, status },
    });
    if (answer.ok) show({ message: t('editor.saved', { version: answer.value.articleVersion }), tone: 'info' });
    else
      show({
        message: answer.error.code === 'conflict' ? t('editor.conflict') : t('editor.saveFailed', { message: answer.error.message }),
        tone: 'error',
      });
  };

  return (
    <article className="kb-article" aria-labelledby="kb-article-title">
      <header className="kb-article-header">
        <div className="kb-article-heading">
          <h2 id="kb-article-title" className="kb-article-title" lang={article.language}>
            {article.title}
          </h2>
          {article.summary ? (
            <p className="kb-article-summary" lang={article.language}>
              {article.summary}
            </p>
          ) : null}
        </div>
        {canEdit ? (
          <div className="kb-article-actions">
            <button type="button" className="button" onClick={onEdit} data-testid="kb-edit">
              {t('article.edit')}
            </button>
            {article.status !== 'published' ? (
              <button
                type="button"
                className="button kb-button-secondary"
                onClick={() => void setStatus('published')}
                data-testid="kb-publish"
              >
                {t('article.publish')}
              </button>
            ) : (
              <button
                type="button"
                className="button kb-button-secondary"
                onClick={() => void setStatus('archived')}
                data-testid="kb-archive"
              >
                {t('article.archive')}
              </button>
            )}
          </div>
        ) : null}
      </header>
      <dl className="kb-facts" aria-label={t('article.details')}>
        <div>
          <dt>{t('status')}</dt>
          <dd>
            <span className={`kb-status kb-status-${article.status}`} data-testid="kb-status">
              {t(`statuses.${article.status}`)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('columns.version')}</dt>
          <dd data-testid="kb-version">{t('article.version', { version: article.articleVersion })}</dd>
        </div>
        {article.category ? (
          <div>
            <dt>{t('category')}</dt>
            <dd>{article.category}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('language')}</dt>
          <dd>{t(`languages.${article.language}`)}</dd>
        </div>
        <div>
          <dt>{t('columns.updatedAt')}</dt>
          <dd>{date.format(article.updatedAt)}</dd>
        </div>
        <div>
          <dt>{t('article.usage')}</dt>
          <dd data-testid="kb-helpful">
            {t('article.helpful', { count: article.helpfulCount })} · {t('article.linked', { count: article.linkedCaseCount })}
          </dd>
        </div>
        {article.tags && article.tags.length > 0 ? (
          <div className="kb-facts-wide">
            <dt>{t('article.tags')}</dt>
            <dd>
              <ul className="kb-tags">
                {article.tags.map((tag) => (
                  <li key={tag} className="kb-tag">
                    {tag}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>
      {article.body.trim() === '' ? (
        <p className="kb-muted">{t('article.emptyBody')}</p>
      ) : (
        <ArticleBody markdown={article.body} lang={article.language} testId="kb-article-body" />
      )}
    </article>
  );
}
