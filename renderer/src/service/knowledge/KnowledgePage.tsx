import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ARTICLE_LANGUAGES, ARTICLE_STATUSES } from '../../../../shared/schemas/knowledge';
import { RecordList, type Column, type SortState } from '../../common/RecordList';
import type { ListRow } from '../../data/list-windows';
import { useLiveQuery } from '../../data/use-live-query';
import { SearchResults } from './SearchResults';
import './knowledge.css';

type Row = ListRow<'knowledge.list'>;
type Language = (typeof ARTICLE_LANGUAGES)[number];
type Status = (typeof ARTICLE_STATUSES)[number];

/**
 * The knowledge base: a search box over the full-text index (ranked hits with marked matches);
 * with nothing typed, the live article list with filters. Reps see published articles only (the
 * core decides); managers also see drafts and archived ones and can write articles.
 */
export function KnowledgePage() {
  const { t, i18n } = useTranslation('knowledge');
  const navigate = useNavigate();
  const access = useLiveQuery('org.access', {}, 'access');
  const canEdit = access.status === 'ready' && access.result.canEdit;
  const categories = useLiveQuery('knowledge.categories', {}, 'categories');
  const [search, setSearch] = useState('');
  const [language, setLanguage] = useState<Language | ''>('');
  const [status, setStatus] = useState<Status | ''>('');
  const [category, setCategory] = useState('');
  const [sort, setSort] = useState<SortState>({ field: 'updatedAt', direction: 'desc' });
  const typed = useDeferredValue(search.trim());

  const query = useMemo(
    () => ({
      filter: {
        ...(language ? { language: [language] } : {}),
        ...(status ? { status: [status] } : {}),
        ...(category ? { category: [category] } : {}),
      },
      sort: { field: sort.field === 'title' ? ('title' as const) : ('updatedAt' as const), direction: sort.direction },
    }),
    [language, status, category, sort],
  );
  const filtered = language !== '' || status !== '' || category !== '';
  const dateFormat = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }), [i18n.language]);

  const columns = useMemo(
    (): ReadonlyArray<Column<Row>> => [
      {
        id: 'title',
        header: t('columns.title'),
        minWidth: 220,
        grow: 4,
        sortable: true,
        text: (row) => row.title,
        render: (row) => (
          <Link className="record-link" to={`/service/knowledge/${encodeURIComponent(row.id)}`} tabIndex={-1} lang={row.language}>
            {row.title}
          </Link>
        ),
      },
      { id: 'category', header: t('columns.category'), minWidth: 110, grow: 1, sortable: false, text: (row) => row.category ?? '' },
      {
        id: 'language',
        header: t('columns.language'),
        minWidth: 90,
        grow: 0,
        sortable: false,
        text: (row) => t(`languages.${row.language}`),
      },
      {
        id: 'status',
        header: t('columns.status'),
        minWidth: 90,
        grow: 0,
        sortable: false,
        text: (row) => t(`statuses.${row.status}`),
        render: (row) => <span className={`kb-status kb-status-${row.status}`}>{t(`statuses.${row.status}`)}</span>,
      },
      {
        id: 'helpful',
        header: t('columns.helpful'),
        minWidth: 70,
        grow: 0,
        sortable: false,
        numeric: true,
        text: (row) => String(row.helpfulCount),
      },
      {
        id: 'updatedAt',
        header: t('columns.updatedAt'),
        minWidth: 110,
        grow: 0,
        sortable: true,
        text: (row) => dateFormat.format(row.updatedAt),
      },
    ],
    [t, dateFormat],
  );

  const categoryList = categories.status === 'ready' ? categories.result.categories : [];

  return (
    <div className="kb-page">
      {access.status === 'ready' && !canEdit ? <p className="kb-note">{t('readOnly')}</p> : null}
      <div className="kb-toolbar" role="search">
        <label className="kb-field kb-search">
          <span className="kb-field-label">{t('searchLabel')}</span>
          <input
            className="kb-input"
            type="search"
            value={search}
            maxLength={200}
            placeholder={t('searchPlaceholder')}
            onChange={(event) => setSearch(event.target.value)}
            data-testid="kb-search"
          />
        </label>
        <label className="kb-field">
          <span className="kb-field-label">{t('language')}</span>
          <select className="kb-input" value={language} onChange={(event) => setLanguage(event.target.value as Language | '')}>
            <option value="">{t('all')}</option>
            {ARTICLE_LANGUAGES.map((value) => (
              <option key={value} value={value}>
                {t(`languages.${value}`)}
              </option>
            ))}
          </select>
        </label>
        {typed === '' ? (
          <>
            <label className="kb-field">
              <span className="kb-field-label">{t('category')}</span>
              <select className="kb-input" value={category} onChange={(event) => setCategory(event.target.value)}>
                <option value="">{t('all')}</option>
                {categoryList.map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </select>
            </label>
            {canEdit ? (
              <label className="kb-field">
                <span className="kb-field-label">{t('status')}</span>
                <select className="kb-input" value={status} onChange={(event) => setStatus(event.target.value as Status | '')}>
                  <option value="">{t('all')}</option>
                  {ARTICLE_STATUSES.map((value) => (
                    <option key={value} value={value}>
                      {t(`statuses.${value}`)}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
          </>
        ) : null}
        {canEdit ? (
          <button type="button" className="button kb-new" onClick={() => void navigate('/service/knowledge/new')} data-testid="kb-new">
            {t('new')}
          </button>
        ) : null}
      </div>
      {typed !== '' ? (
        <SearchResults text={typed} language={language || undefined} />
      ) : (
        <RecordList
          request="knowledge.list"
          query={query}
          columns={columns}
          sort={sort}
          onSortChange={setSort}
          label={t('listLabel')}
          countLabel={(total) => t('count', { count: total })}
          empty={{ title: t('emptyTitle'), body: canEdit ? t('emptyBodyEditor') : t('emptyBody') }}
          emptyFiltered={
            filtered
              ? {
                  title: t('emptyFilteredTitle'),
                  body: t('emptyFilteredBody'),
                  clearLabel: t('clear'),
                  onClear: () => {
                    setLanguage('');
                    setStatus('');
                    setCategory('');
                  },
                }
              : undefined
          }
          onOpen={(row) => void navigate(`/service/knowledge/${encodeURIComponent(row.id)}`)}
        />
      )}
    </div>
  );
}
