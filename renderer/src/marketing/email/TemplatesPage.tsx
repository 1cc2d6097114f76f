import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { TEMPLATE_LANGUAGES } from '../../../../shared/schemas/marketing';
import { RecordList, type Column, type SortState } from '../../common/RecordList';
import type { ListRow } from '../../data/list-windows';
import { useFormatters } from '../../i18n/use-formatters';
import '../../customers/detail/record.css';
import './email.css';

type Row = ListRow<'templates.list'>;
type Language = (typeof TEMPLATE_LANGUAGES)[number];
/** The core lists templates newest first; the list offers no other order. */
const SORT: SortState = { field: 'updatedAt', direction: 'desc' };

/** The e-mail templates, newest first, by language, archived ones on request; a new one from here. */
export function TemplatesPage() {
  const { t } = useTranslation('marketing-email');
  const navigate = useNavigate();
  const format = useFormatters();
  const id = useId();
  const [language, setLanguage] = useState<Language | ''>('');
  const [includeArchived, setIncludeArchived] = useState(false);
  const query = useMemo(() => ({ ...(language ? { language } : {}), includeArchived }), [language, includeArchived]);
  const open = (row: Row): void => void navigate(`/marketing/templates/${encodeURIComponent(row.id)}`);

  const columns = useMemo(
    (): ReadonlyArray<Column<Row>> => [
      {
        id: 'name',
        header: t('templates.columns.name'),
        minWidth: 200,
        grow: 2,
        sortable: false,
        text: (row) => row.name,
        render: (row) => (
          <>
            <Link className="record-link" to={`/marketing/templates/${encodeURIComponent(row.id)}`} tabIndex={-1} lang={row.language}>
              {row.name}
            </Link>
            {row.archived ? <span className="em-chip em-chip-muted">{t('templates.archived')}</span> : null}
          </>
        ),
      },
      {
        id: 'subject',
        header: t('templates.columns.subject'),
        minWidth: 220,
        grow: 3,
        sortable: false,
        text: (row) => row.subject,
        render: (row) => <span lang={row.language}>{row.subject}</span>,
      },
      {
        id: 'language',
        header: t('templates.columns.language'),
        minWidth: 170,
        grow: 0,
        sortable: false,
        text: (row) => t(`languages.${row.language}`),
      },
      {
        id: 'format',
        header: t('templates.columns.format'),
        minWidth: 100,
        grow: 0,
        sortable: false,
        text: (row) => t(`formats.${row.format}`),
      },
      {
        id: 'updatedAt',
        header: t('templates.columns.updatedAt'),
        minWidth: 120,
        grow: 0,
        sortable: false,
        text: (row) => format.date(row.updatedAt),
      },
    ],
    [t, format],
  );

  return (
    <div className="rec-scope em-page">
      <div className="em-toolbar">
        <div className="rec-field">
          <label htmlFor={`${id}-language`} className="rec-field-label">
            {t('templates.language')}
          </label>
          <select
            id={`${id}-language`}
            className="rec-input select"
            value={language}
            onChange={(event) => setLanguage(event.target.value as Language | '')}
            data-testid="templates-language"
          >
            <option value="">{t('templates.all')}</option>
            {TEMPLATE_LANGUAGES.map((value) => (
              <option key={value} value={value}>
                {t(`languages.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="em-check">
          <input type="checkbox" checked={includeArchived} onChange={(event) => setIncludeArchived(event.target.checked)} />
          {t('templates.showArchived')}
        </label>
        <button
          type="button"
          className="button em-toolbar-end"
          onClick={() => void navigate('/marketing/templates/new')}
          data-testid="template-new"
        >
          {t('templates.new')}
        </button>
      </div>
      <RecordList
        request="templates.list"
        query={query}
        columns={columns}
        sort={SORT}
        onSortChange={() => undefined}
        label={t('templates.listLabel')}
        countLabel={(total) => t('templates.count', { count: total })}
        empty={{ title: t('templates.emptyTitle'), body: t('templates.emptyBody') }}
        emptyFiltered={
          language
            ? {
                title: t('templates.emptyFilteredTitle'),
                body: t('templates.emptyFilteredBody'),
                clearLabel: t('templates.clear'),
                onClear: () => setLanguage(''),
              }
            : undefined
        }
        onOpen={open}
      />
    </div>
  );
}
