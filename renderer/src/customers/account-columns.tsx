import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { AccountRecord } from '../../../shared/contract';
import type { Formatters } from '../i18n/formatters';
import type { Column } from './RecordList';

/** The accounts list's columns. The next step keeps their order and widths in Dexie (column layouts). */
export function accountColumns(t: TFunction, format: Formatters): ReadonlyArray<Column<AccountRecord>> {
  const notSet = t('list.notSet');
  return [
    {
      id: 'name',
      header: t('accounts.columns.name'),
      minWidth: 190, grow: 2.5,
      sortable: true,
      render: (row) => (
        <Link className="record-link" to={`/customers/accounts/${encodeURIComponent(row.id)}`}>
          {row.name}
        </Link>
      ),
    },
    {
      id: 'status',
      header: t('accounts.columns.status'),
      minWidth: 95, grow: 0.9,
      sortable: true,
      render: (row) => <span className={`badge badge-${row.status}`}>{t(`accounts.status.${row.status}`)}</span>,
    },
    { id: 'tier', header: t('accounts.columns.tier'), minWidth: 95, grow: 0.8, sortable: true, render: (row) => t(`accounts.tier.${row.tier}`) },
    { id: 'region', header: t('accounts.columns.region'), minWidth: 125, grow: 1.1, sortable: true, render: (row) => t(`accounts.region.${row.region}`) },
    { id: 'industry', header: t('accounts.columns.industry'), minWidth: 110, grow: 1.1, sortable: true, render: (row) => row.industry ?? notSet },
    { id: 'city', header: t('accounts.columns.city'), minWidth: 95, grow: 1, sortable: true, render: (row) => row.city ?? notSet },
    {
      id: 'annualRevenue',
      header: t('accounts.columns.annualRevenue'),
      minWidth: 120, grow: 1,
      sortable: true,
      numeric: true,
      render: (row) => (row.annualRevenue === undefined ? notSet : format.moneyCompact(row.annualRevenue, row.currency)),
    },
    {
      id: 'employees',
      header: t('accounts.columns.employees'),
      minWidth: 120, grow: 0.8,
      sortable: true,
      numeric: true,
      render: (row) => (row.employees === undefined ? notSet : format.number(row.employees)),
    },
    {
      id: 'updatedAt',
      header: t('accounts.columns.updatedAt'),
      minWidth: 130, grow: 1,
      sortable: true,
      render: (row) => format.date(row.updatedAt),
    },
  ];
}
