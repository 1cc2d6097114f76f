import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { ContactFilter, ContactSortField } from '../../../shared/contract';
import { useFormatters } from '../i18n/use-formatters';
import { contactColumns, DEFAULT_CONTACT_COLUMNS } from './contact-columns';
import { LazyImportDialog } from './import/LazyImportDialog';
import { AccountPicker } from './list/AccountPicker';
import { ColumnsMenu } from './list/ColumnsMenu';
import { ExportButton } from './list/ExportButton';
import { FilterBar } from './list/FilterBar';
import { useFilterOptions } from './list/use-filter-options';
import { useListPrefs, type ListView } from './list/use-list-prefs';
import { ViewsMenu } from './list/ViewsMenu';
import { RecordList } from '../common/RecordList';
import { oneSegment, useSegmentOptions } from '../marketing/segments/use-segment-options';

const DEFAULT_VIEW: ListView = { filter: {}, sort: { field: 'lastName', direction: 'asc' }, columns: DEFAULT_CONTACT_COLUMNS };

/** Contacts: the accounts list's sort, columns, views, import and export, filtered by account and owner. */
export function ContactsPage() {
  const { t } = useTranslation();
  const { t: tl } = useTranslation('customers-list');
  const { t: ts } = useTranslation('marketing-segments');
  const segments = useSegmentOptions('contacts');
  const format = useFormatters();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const [importing, setImporting] = useState(false);
  const [imports, setImports] = useState(0);
  const options = useFilterOptions(imports);
  const allColumns = useMemo(() => contactColumns(t, tl, format), [t, tl, format]);
  const known = useMemo(() => allColumns.map((column) => column.id), [allColumns]);
  const prefs = useListPrefs('contacts', DEFAULT_VIEW, known);
  const { view } = prefs;
  const columns = useMemo(() => view.columns.flatMap((id) => allColumns.filter((column) => column.id === id)), [view.columns, allColumns]);

  // The account's name rides along in the filter so a restored view can label its chip without a lookup.
  const accountId = view.filter['accountId']?.[0];
  const account = accountId ? { id: accountId, name: view.filter['accountName']?.[0] ?? accountId } : null;
  const filter = useMemo((): ContactFilter => {
    const out: { accountId?: string[]; ownerId?: string[]; segmentId?: string } = {};
    if (view.filter['accountId']?.length) out.accountId = [...view.filter['accountId']];
    if (view.filter['ownerId']?.length) out.ownerId = [...view.filter['ownerId']];
    const segmentId = view.filter['segmentId']?.at(-1);
    if (segmentId) out.segmentId = segmentId;
    return out;
  }, [view.filter]);
  const sort = useMemo(() => ({ field: view.sort.field as ContactSortField, direction: view.sort.direction }), [view.sort]);
  const query = useMemo(() => ({ filter, sort }), [filter, sort]);
  const filtered = Object.keys(filter).length > 0;

  const setAccount = (next: { id: string; name: string } | null): void => {
    const rest = Object.fromEntries(Object.entries(view.filter).filter(([key]) => key !== 'accountId' && key !== 'accountName'));
    prefs.update({ filter: next ? { ...rest, accountId: [next.id], accountName: [next.name] } : rest });
  };
  const ownerDef = {
    key: 'ownerId',
    label: tl('filters.owner'),
    options: options.owners.map((owner) => ({ value: owner.id, label: owner.name })),
  };

  // A search hit names a contact (`?selected=<id>`): open that contact's page instead of the list.
  const selected = searchParams.get('selected');
  if (selected) return <Navigate to={`/customers/contacts/${encodeURIComponent(selected)}`} replace />;

  return (
    <div className="list-page">
      <div className="list-toolbar">
        <div className="filter-bar">
          <AccountPicker value={account} onChange={setAccount} />
          <FilterBar
            defs={[ownerDef, { key: 'segmentId', label: ts('filter.segment'), options: segments }]}
            filter={view.filter}
            onChange={(next) => prefs.update({ filter: oneSegment(view.filter, next) })}
          />
        </div>
        <div className="toolbar-end">
          <ViewsMenu views={prefs.views} onApply={prefs.apply} onSave={prefs.saveAs} onDelete={prefs.remove} />
          <ColumnsMenu
            all={allColumns}
            visible={view.columns}
            defaults={DEFAULT_CONTACT_COLUMNS}
            onChange={(next) => prefs.update({ columns: next })}
          />
          <button type="button" className="toolbar-button" onClick={() => setImporting(true)} data-testid="import-contacts">
            {tl('toolbar.import')}
          </button>
        </div>
      </div>
      {prefs.ready ? (
        <RecordList
          request="contacts.list"
          query={query}
          columns={columns}
          sort={sort}
          onSortChange={(next) => prefs.update({ sort: next })}
          onOpen={(row) => navigate(`/customers/contacts/${encodeURIComponent(row.id)}`)}
          label={t('contacts.title')}
          countLabel={(total) => t('contacts.count', { count: total })}
          empty={{ title: t('contacts.emptyTitle'), body: t('contacts.emptyBody') }}
          emptyFiltered={
            filtered
              ? {
                  title: tl('empty.contactsFilteredTitle'),
                  body: tl('empty.filteredBody'),
                  clearLabel: tl('empty.clear'),
                  onClear: () => prefs.update({ filter: {} }),
                }
              : undefined
          }
          actions={<ExportButton request="contacts.list" query={query} columns={columns} fileName="contacts" />}
        />
      ) : null}
      {importing ? (
        <LazyImportDialog
          entity="contacts"
          onClose={() => {
            setImporting(false);
            setImports((count) => count + 1);
          }}
        />
      ) : null}
    </div>
  );
}
