import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { OPPORTUNITY_SORT_FIELDS } from '../../../../shared/contract/sales/opportunities-requests';
import { RecordList, type Column, type SortState } from '../../common/RecordList';
import type { ListRow } from '../../data/list-windows';
import { useFormatters } from '../../i18n/use-formatters';
import { DealFilters } from './DealFilters';
import { DEFAULT_DEAL_FILTERS, isOverdue, listFilterOf, today, type DealFilterState } from './deal-filter-state';
import { useDealPeople } from './use-deal-owners';
import './opportunities.css';

type Row = ListRow<'opportunities.list'>;
type SortField = (typeof OPPORTUNITY_SORT_FIELDS)[number];
const isSortField = (field: string): field is SortField => (OPPORTUNITY_SORT_FIELDS as ReadonlyArray<string>).includes(field);

/**
 * Every deal the filters keep, windowed and live: opens on open deals, soonest close date first,
 * so what needs work is on top; a passed close date says "Overdue" in words beside the date.
 */
export function OpportunitiesPage() {
  const { t } = useTranslation('sales');
  const format = useFormatters();
  const navigate = useNavigate();
  const people = useDealPeople();
  const [filters, setFilters] = useState<DealFilterState>(DEFAULT_DEAL_FILTERS);
  const [sort, setSort] = useState<{ field: SortField; direction: 'asc' | 'desc' }>({ field: 'closeDate', direction: 'asc' });
  const query = useMemo(() => ({ filter: listFilterOf(filters), sort }), [filters, sort]);
  const todayIso = today();
  const filtered = JSON.stringify(filters) !== JSON.stringify(DEFAULT_DEAL_FILTERS);

  const columns = useMemo((): ReadonlyArray<Column<Row>> => {
    const ownerName = (id: string): string => people.owners.find((owner) => owner.id === id)?.label ?? id;
    // Noon local time: a calendar date must not shift a day in the rep's time zone.
    const day = (iso: string): string => format.day(iso);
    return [
      {
        id: 'name',
        header: t('opps.name'),
        minWidth: 180,
        grow: 2.2,
        sortable: true,
        text: (row) => row.name,
        render: (row) => (
          <Link className="record-link" to={`/sales/opportunities/${encodeURIComponent(row.id)}`} tabIndex={-1} title={row.name}>
            {row.name}
          </Link>
        ),
      },
      {
        id: 'account',
        header: t('opps.account'),
        minWidth: 140,
        grow: 1.4,
        sortable: false,
        text: (row) => row.accountName ?? '—',
        render: (row) => <span title={row.accountName}>{row.accountName ?? '—'}</span>,
      },
      {
        id: 'stage',
        header: t('opps.stage'),
        minWidth: 120,
        grow: 0.9,
        sortable: false,
        text: (row) => t(`stage.${row.stage}`),
        render: (row) => <span title={t(`stage.${row.stage}`)}>{t(`stage.${row.stage}`)}</span>,
      },
      {
        id: 'amount',
        header: t('opps.amount'),
        minWidth: 120,
        grow: 1,
        sortable: true,
        numeric: true,
        text: (row) => format.money(row.amount, row.currency),
      },
      {
        id: 'probability',
        header: t('opps.probabilityShort'),
        minWidth: 70,
        grow: 0.5,
        sortable: false,
        numeric: true,
        text: (row) => format.percent(row.probability / 100),
      },
      {
        id: 'closeDate',
        header: t('opps.closeDate'),
        minWidth: 205,
        grow: 1.3,
        sortable: true,
        text: (row) => (isOverdue(row, todayIso) ? `${day(row.closeDate)} (${t('opps.overdue')})` : day(row.closeDate)),
        render: (row) =>
          isOverdue(row, todayIso) ? (
            <span className="deal-overdue" data-testid="overdue">
              {day(row.closeDate)} <span className="overdue-badge">{t('opps.overdue')}</span>
            </span>
          ) : (
            day(row.closeDate)
          ),
      },
      {
        id: 'owner',
        header: t('opps.owner'),
        minWidth: 110,
        grow: 0.9,
        sortable: false,
        text: (row) => ownerName(row.ownerId),
        render: (row) => <span title={ownerName(row.ownerId)}>{ownerName(row.ownerId)}</span>,
      },
    ];
  }, [t, format, people.owners, todayIso]);

  return (
    <div className="list-page opportunities-page" data-testid="opportunities-page">
      <div className="list-toolbar">
        <DealFilters value={filters} onChange={setFilters} variant="list" />
      </div>
      <RecordList
        request="opportunities.list"
        query={query}
        columns={columns}
        sort={sort}
        onSortChange={(next: SortState) => {
          if (isSortField(next.field)) setSort({ field: next.field, direction: next.direction });
        }}
        label={t('opps.listLabel')}
        countLabel={(total) => t('opps.count', { count: total })}
        empty={{ title: t('opps.emptyTitle'), body: t('opps.emptyBody') }}
        emptyFiltered={
          filtered
            ? {
                title: t('opps.emptyFilteredTitle'),
                body: t('opps.emptyFilteredBody'),
                clearLabel: t('dealFilters.reset'),
                onClear: () => setFilters(DEFAULT_DEAL_FILTERS),
              }
            : undefined
        }
        onOpen={(row) => void navigate(`/sales/opportunities/${encodeURIComponent(row.id)}`)}
      />
    </div>
  );
}
