import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { AccountRecord } from '../../../shared/contract';
import type { Formatters } from '../i18n/formatters';
import type { Column } from '../common/RecordList';

/** Columns shown until the user picks their own (Columns menu, kept in Dexie per list). */
export const DEFAULT_ACCOUNT_COLUMNS = [
  'name',
  'status',
  'tier',
  'region',
  'industry',
  'city',
  'ownerId',
  'annualRevenue',
  'updatedAt',
] as const;

/** Every column the accounts list can show; `ownerName` turns an owner id into a person's name. */
export function accountColumns(t: TFunction, format: Formatters, ownerName: (id: string) => string): ReadonlyArray<Column<AccountRecord>> {
  const notSet = t('list.notSet');
  return [
    {
      id: 'name',
      header: t('accounts.columns.name'),
      minWidth: 200,
      grow: 2.5,
      sortable: true,
      text: (row) => row.name,
      render: (row) => (
        <Link className="record-link" to={`/customers/accounts/${encodeURIComponent(row.id)}`} tabIndex={-1}>
          {row.name}
        </Link>
      ),
    },
    {
      id: 'status',
      header: t('accounts.columns.status'),
      minWidth: 100,
      grow: 0.9,
      sortable: true,
      text: (row) => t(`accounts.status.${row.status}`),
      render: (row) => <span className={`badge badge-${row.status}`}>{t(`accounts.status.${row.status}`)}</span>,
    },
    {
      id: 'tier',
      header: t('accounts.columns.tier'),
      minWidth: 90,
      grow: 0.8,
      sortable: true,
      text: (row) => t(`accounts.tier.${row.tier}`),
    },
    {
      id: 'region',
      header: t('accounts.columns.region'),
      minWidth: 115,
      grow: 1.1,
      sortable: true,
      text: (row) => t(`accounts.region.${row.region}`),
    },
    {
      id: 'industry',
      header: t('accounts.columns.industry'),
      minWidth: 115,
      grow: 1.1,
      sortable: true,
      text: (row) => row.industry ?? notSet,
    },
    { id: 'city', header: t('accounts.columns.city'), minWidth: 100, grow: 1, sortable: true, text: (row) => row.city ?? notSet },
    {
      id: 'country',
      header: t('accounts.columns.country'),
      minWidth: 100,
      grow: 0.9,
      sortable: true,
      text: (row) => row.country ?? notSet,
    },
    {
      id: 'ownerId',
      header: t('accounts.columns.ownerId'),
      minWidth: 130,
      grow: 1.1,
      sortable: true,
      text: (row) => ownerName(row.ownerId),
    },
    {
      id: 'annualRevenue',
      header: t('accounts.columns.annualRevenue'),
      minWidth: 105,
      grow: 0.9,
      sortable: true,
      numeric: true,
      text: (row) => (row.annualRevenue === undefined ? notSet : format.moneyCompact(row.annualRevenue, row.currency)),
    },
    {
      id: 'employees',
      header: t('accounts.columns.employees'),
      minWidth: 105,
      grow: 0.8,
      sortable: true,
      numeric: true,
      text: (row) => (row.employees === undefined ? notSet : format.number(row.employees)),
    },
    {
      id: 'createdAt',
      header: t('accounts.columns.createdAt'),
      minWidth: 120,
      grow: 1,
      sortable: true,
      text: (row) => format.date(row.createdAt),
    },
    {
      id: 'updatedAt',
      header: t('accounts.columns.updatedAt'),
      minWidth: 120,
      grow: 1,
      sortable: true,
      text: (row) => format.date(row.updatedAt),
    },
  ];
}
