import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { SEGMENT_TARGETS, type SegmentTarget } from '../../../../shared/marketing/segment-conditions';
import { RecordList, type Column, type SortState } from '../../common/RecordList';
import type { ListRow } from '../../data/list-windows';
import { segmentInWords } from './segment-words';
import '../../customers/detail/record.css';
import './segments.css';

type Row = ListRow<'segments.list'>;
/** The core lists segments by name; the list offers no other order. */
const SORT: SortState = { field: 'name', direction: 'asc' };

/** Saved segments by name: what each is of, how many records it selects now, and its conditions in words. */
export function SegmentsPage() {
  const { t, i18n } = useTranslation('marketing-segments');
  const navigate = useNavigate();
  const id = useId();
  const [target, setTarget] = useState<SegmentTarget | ''>('');
  const query = useMemo(() => (target ? { target } : {}), [target]);
  const open = (row: Row): void => void navigate(`/marketing/segments/${encodeURIComponent(row.id)}`);

  const columns = useMemo(
    (): ReadonlyArray<Column<Row>> => [
      {
        id: 'name',
        header: t('list.columns.name'),
        minWidth: 180,
        grow: 2,
        sortable: false,
        text: (row) => row.name,
        render: (row) => (
          <Link className="record-link" to={`/marketing/segments/${encodeURIComponent(row.id)}`} tabIndex={-1}>
            {row.name}
          </Link>
        ),
      },
      {
        id: 'target',
        header: t('list.columns.target'),
        minWidth: 100,
        grow: 0,
        sortable: false,
        text: (row) => t(`target.${row.definition.target}`),
      },
      {
        id: 'size',
        header: t('list.columns.size'),
        minWidth: 150,
        grow: 0,
        numeric: true,
        sortable: false,
        text: (row) => (row.size === null ? t('list.sizeUnknown') : t('list.sizeValue', { count: row.size, total: row.total })),
      },
      {
        id: 'description',
        header: t('list.columns.description'),
        minWidth: 280,
        grow: 4,
        sortable: false,
        text: (row) => segmentInWords(t, i18n.language, row.definition) ?? t('list.sizeUnknown'),
      },
    ],
    [t, i18n.language],
  );

  return (
    <div className="rec-scope seg-page">
      <div className="seg-toolbar">
        <div className="rec-field">
          <label htmlFor={`${id}-target`} className="rec-field-label">
            {t('list.targetFilter')}
          </label>
          <select
            id={`${id}-target`}
            className="rec-input select"
            value={target}
            onChange={(event) => setTarget(event.target.value as SegmentTarget | '')}
            data-testid="segments-target"
          >
            <option value="">{t('list.allTargets')}</option>
            {SEGMENT_TARGETS.map((value) => (
              <option key={value} value={value}>
                {t(`target.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="button seg-toolbar-end"
          onClick={() => void navigate('/marketing/segments/new')}
          data-testid="segment-new"
        >
          {t('list.new')}
        </button>
      </div>
      <RecordList
        request="segments.list"
        query={query}
        columns={columns}
        sort={SORT}
        onSortChange={() => undefined}
        label={t('list.listLabel')}
        countLabel={(total) => t('list.count', { count: total })}
        empty={{ title: t('list.emptyTitle'), body: t('list.emptyBody') }}
        emptyFiltered={
          target
            ? {
                title: t('list.emptyFilteredTitle'),
                body: t('list.emptyFilteredBody'),
                clearLabel: t('list.clear'),
                onClear: () => setTarget(''),
              }
            : undefined
        }
        onOpen={open}
      />
    </div>
  );
}
