import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ACCOUNT_REGIONS, ACCOUNT_STATUSES, ACCOUNT_TIERS } from './list/account-enums';
import { useFormatters } from '../i18n/use-formatters';
import { accountColumns, DEFAULT_ACCOUNT_COLUMNS } from './account-columns';
import { LazyImportDialog } from './import/LazyImportDialog';
import { accountsListQuery } from './list/prime-accounts-window';
import { ColumnsMenu } from './list/ColumnsMenu';
import { ExportButton } from './list/ExportButton';
import { ToolbarIcon } from './list/ToolbarIcon';
import { FilterBar, type FilterDef } from './list/FilterBar';
import { useFilterOptions } from './list/use-filter-options';
import { useListPrefs, type ListView } from './list/use-list-prefs';
import { ViewsMenu } from './list/ViewsMenu';
import { RecordList } from '../common/RecordList';
import { oneSegment, useSegmentOptions } from '../marketing/segments/use-segment-options';

const DEFAULT_VIEW: ListView = { filter: {}, sort: { field: 'name', direction: 'asc' }, columns: DEFAULT_ACCOUNT_COLUMNS };

/**
 * The accounts list: filter bar, saved views, column choice, import and export around a
 * virtualized grid. Filter, sort and columns come back on the next visit (Dexie, per list).
 */
export function AccountsPage() {
  const { t } = useTranslation();
  const { t: tl } = useTranslation('customers-list');
  const { t: ts } = useTranslation('marketing-segments');
  const segments = useSegmentOptions('accounts');
  const format = useFormatters();
  const navigate = useNavigate();
  const [importing, setImporting] = useState(false);
  const [imports, setImports] = useState(0);
  const options = useFilterOptions(imports);
  const ownerNames = useMemo(() => new Map(options.owners.map((owner) => [owner.id, owner.name])), [options.owners]);
  const allColumns = useMemo(() => accountColumns(t, format, (id) => ownerNames.get(id) ?? id), [t, format, ownerNames]);
  const known = useMemo(() => allColumns.map((column) => column.id), [allColumns]);
  const prefs = useListPrefs('accounts', DEFAULT_VIEW, known);
  const { view } = prefs;

  const columns = useMemo(() => view.columns.flatMap((id) => allColumns.filter((column) => column.id === id)), [view.columns, allColumns]);
  // Built by the same function as the window main.tsx primes at start-up, so that one is adopted.
  const query = useMemo(() => accountsListQuery({ filter: view.filter, sort: view.sort }), [view.filter, view.sort]);
  const { filter, sort } = query;
  const filtered = Object.keys(filter).length > 0;

  const defs: ReadonlyArray<FilterDef> = [
    { key: 'ownerId', label: tl('filters.owner'), options: options.owners.map((owner) => ({ value: owner.id, label: owner.name })) },
    {
      key: 'status',
      label: tl('filters.status'),
      options: ACCOUNT_STATUSES.map((value) => ({ value, label: t(`accounts.status.${value}`) })),
    },
    { key: 'industry', label: tl('filters.industry'), options: options.industries.map((value) => ({ value, label: value })) },
    {
      key: 'region',
      label: tl('filters.region'),
      options: ACCOUNT_REGIONS.map((value) => ({ value, label: t(`accounts.region.${value}`) })),
    },
    { key: 'tier', label: tl('filters.tier'), options: ACCOUNT_TIERS.map((value) => ({ value, label: t(`accounts.tier.${value}`) })) },
    { key: 'segmentId', label: ts('filter.segment'), options: segments },
  ];

  return (
    <div className="list-page">
      <div className="list-toolbar">
        <FilterBar defs={defs} filter={view.filter} onChange={(next) => prefs.update({ filter: oneSegment(view.filter, next) })} />
        <div className="toolbar-end">
          <ViewsMenu views={prefs.views} onApply={prefs.apply} onSave={prefs.saveAs} onDelete={prefs.remove} />
          <ColumnsMenu
            all={allColumns}
            visible={view.columns}
            defaults={DEFAULT_ACCOUNT_COLUMNS}
            onChange={(next) => prefs.update({ columns: next })}
          />
          <button type="button" className="toolbar-button" onClick={() => setImporting(true)} data-testid="import-accounts">
            <ToolbarIcon d="M8 10V2m0 0 3 3M8 2 5 5M3 12v1.5h10V12" />
            {tl('toolbar.import')}
          </button>
          <Link to="/customers/accounts/new" className="button primary-action" data-testid="new-account">
            {/* An icon, not "＋" (U+FF0B): that glyph sends the first layout to the CJK fallback font. */}
            <ToolbarIcon d="M8 3v10M3 8h10" strokeWidth={1.75} />
            {tl('toolbar.newAccount')}
          </Link>
        </div>
      </div>
      {prefs.ready ? (
        <RecordList
          request="accounts.list"
          query={query}
          columns={columns}
          sort={sort}
          onSortChange={(next) => prefs.update({ sort: next })}
          label={t('accounts.title')}
          countLabel={(total) => t('accounts.count', { count: total })}
          empty={{ title: t('accounts.emptyTitle'), body: t('accounts.emptyBody') }}
          emptyFiltered={
            filtered
              ? {
                  title: tl('empty.filteredTitle'),
                  body: tl('empty.filteredBody'),
                  clearLabel: tl('empty.clear'),
                  onClear: () => prefs.update({ filter: {} }),
                }
              : undefined
          }
          onOpen={(row) => navigate(`/customers/accounts/${encodeURIComponent(row.id)}`)}
          actions={<ExportButton request="accounts.list" query={query} columns={columns} fileName="accounts" />}
        />
      ) : null}
      {importing ? (
        <LazyImportDialog
          entity="accounts"
          onClose={() => {
            setImporting(false);
            setImports((count) => count + 1);
          }}
        />
      ) : null}
    </div>
  );
}
