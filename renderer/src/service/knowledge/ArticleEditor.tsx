import { useDeferredValue, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleRecord, ArticleValues } from '../../../../shared/contract/service/knowledge-requests';
import { ARTICLE_LANGUAGES, ARTICLE_STATUSES } from '../../../../shared/schemas/knowledge';
import { useToastStore } from '../../common/toast-store';
import { useCrmClient } from '../../transport/client-context';
import { ArticleBody } from './ArticleBody';

type Props = {
  /** null: a new article. */
  readonly article: ArticleRecord | null;
  readonly categories: ReadonlyArray<string>;
  readonly onDone: (saved: ArticleRecord | null) => void;
};

const splitTags = (text: string): string[] =>
  text
    .split(/[,，]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);

/** Write or change an article (managers), with the rendered result beside the Markdown as it is typed. */
export function ArticleEditor({ article, categories, onDone }: Props) {
  const { t, i18n } = useTranslation('knowledge');
  const client = useCrmClient();
  const show = useToastStore((state) => state.show);
  const id = useId();
  const [title, setTitle] = useState(article?.title ?? '');
  const [summary, setSummary] = useState(article?.summary ?? '');
  const [category, setCategory] = useState(article?.category ?? '');
  const [tags, setTags] = useState((article?.tags ?? []).join(', '));
  const [language, setLanguage] = useState<ArticleValues['language']>(article?.language ?? (i18n.language === 'zh-CN' ? 'zh-CN' : 'en'));
  const [status, setStatus] = useState<ArticleValues['status']>(article?.status ?? 'draft');
  const [body, setBody] = useState(article?.body ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const preview = useDeferredValue(body);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (title.trim() === '') {
      setError(t('editor.titleRequired'));
      return;
    }
    setSaving(true);
    setError(null);
    const values: ArticleValues = { title, summary, category, tags: splitTags(tags), language, status, body };
    const answer = await client.send('knowledge.save', {
      ...(article ? { id: article.id, expectedRevision: article.revision } : {}),
      values,
    });
    setSaving(false);
    if (!answer.ok) {
      setError(answer.error.code === 'conflict' ? t('editor.conflict') : t('editor.saveFailed', { message: answer.error.message }));
      return;
    }
    show({ message: t('editor.saved', { version: answer.value.articleVersion }), tone: 'info' });
    onDone(answer.value);
  };

  return (
    <form className="kb-editor" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-heading`} noValidate>
      <h2 id={`${id}-heading`} className="kb-editor-heading">
        {article ? t('editor.editTitle') : t('editor.newTitle')}
      </h2>
      <div className="kb-editor-fields">
        <label className="kb-field kb-field-wide">
          <span className="kb-field-label">{t('editor.title')}</span>
          <input
            className="kb-input"
            value={title}
            maxLength={200}
            required
            onChange={(e) => setTitle(e.target.value)}
            data-testid="kb-edit-title"
          />
        </label>
        <label className="kb-field kb-field-wide">
          <span className="kb-field-label">{t('editor.summary')}</span>
          <input className="kb-input" value={summary} maxLength={1000} onChange={(e) => setSummary(e.target.value)} />
        </label>
        <label className="kb-field">
          <span className="kb-field-label">{t('editor.category')}</span>
          <input
            className="kb-input"
            value={category}
            maxLength={80}
            list={`${id}-categories`}
            onChange={(e) => setCategory(e.target.value)}
          />
          <datalist id={`${id}-categories`}>
            {categories.map((value) => (
              <option key={value} value={value} />
            ))}
          </datalist>
        </label>
        <label className="kb-field">
          <span className="kb-field-label">
            {t('editor.tags')} <span className="kb-field-hint">({t('editor.tagsHint')})</span>
          </span>
          <input className="kb-input" value={tags} onChange={(e) => setTags(e.target.value)} />
        </label>
        <label className="kb-field">
          <span className="kb-field-label">{t('language')}</span>
          <select className="kb-input" value={language} onChange={(e) => setLanguage(e.target.value as ArticleValues['language'])}>
            {ARTICLE_LANGUAGES.map((value) => (
              <option key={value} value={value}>
                {t(`languages.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="kb-field">
          <span className="kb-field-label">{t('status')}</span>
          <select
            className="kb-input"
            value={status}
            onChange={(e) => setStatus(e.target.value as ArticleValues['status'])}
            data-testid="kb-edit-status"
          >
            {ARTICLE_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`statuses.${value}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="kb-editor-split">
        <label className="kb-field">
          <span className="kb-field-label">{t('editor.body')}</span>
          <textarea
            className="kb-input kb-textarea"
            value={body}
            maxLength={200_000}
            aria-describedby={`${id}-body-hint`}
            onChange={(e) => setBody(e.target.value)}
            data-testid="kb-edit-body"
          />
          <span id={`${id}-body-hint`} className="kb-field-hint">
            {t('editor.bodyHint')}
          </span>
        </label>
        <section className="kb-preview" aria-label={t('editor.preview')}>
          <h3 className="kb-field-label">{t('editor.preview')}</h3>
          {preview.trim() === '' ? (
            <p className="kb-muted">{t('editor.previewEmpty')}</p>
          ) : (
            <ArticleBody markdown={preview} lang={language} testId="kb-preview" />
          )}
        </section>
      </div>
      {error ? (
        <p className="kb-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="kb-editor-actions">
        <button type="button" className="button kb-button-secondary" onClick={() => onDone(null)}>
          {t('editor.cancel')}
        </button>
        <button type="submit" className="button" disabled={saving} data-testid="kb-save">
          {saving ? t('editor.saving') : t('editor.save')}
        </button>
      </div>
    </form>
  );
}
