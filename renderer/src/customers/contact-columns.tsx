import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { ContactRowRecord } from '../../../shared/contract';
import type { Formatters } from '../i18n/formatters';
import type { Column } from '../common/RecordList';

export const DEFAULT_CONTACT_COLUMNS = ['lastName', 'firstName', 'account', 'title', 'email', 'phone', 'updatedAt'] as const;

/**
 * The name cells are links for the mouse (tabIndex -1: the grid is one tab stop, Enter opens the
 * selected row). The account column is not sortable: its name is joined per window, and sorting
 * by the account's id would look random.
 */
export function contactColumns(t: TFunction, tl: TFunction<'customers-list'>, format: Formatters): ReadonlyArray<Column<ContactRowRecord>> {
  const notSet = t('list.notSet');
  return [
    {
      id: 'lastName',
      header: t('contacts.columns.lastName'),
      minWidth: 130,
      grow: 1.2,
      sortable: true,
      text: (row) => row.lastName,
      render: (row) => (
        <Link className="record-link" to={`/customers/contacts/${encodeURIComponent(row.id)}`} tabIndex={-1}>
          {row.lastName}
        </Link>
      ),
    },
    {
      id: 'firstName',
      header: t('contacts.columns.firstName'),
      minWidth: 120,
      grow: 1,
      sortable: true,
      text: (row) => row.firstName ?? notSet,
    },
    {
      id: 'account',
      header: tl('columns.account'),
      minWidth: 180,
      grow: 1.5,
      sortable: false,
      text: (row) => row.accountName ?? notSet,
      render: (row) =>
        row.accountName === undefined ? (
          notSet
        ) : (
          <Link className="record-link" to={`/customers/accounts/${encodeURIComponent(row.accountId)}`} tabIndex={-1}>
            {row.accountName}
          </Link>
        ),
    },
    { id: 'title', header: t('contacts.columns.title'), minWidth: 160, grow: 1.4, sortable: true, text: (row) => row.title ?? notSet },
    { id: 'email', header: t('contacts.columns.email'), minWidth: 200, grow: 1.6, sortable: true, text: (row) => row.email ?? notSet },
    { id: 'phone', header: t('contacts.columns.phone'), minWidth: 150, grow: 1, sortable: false, text: (row) => row.phone ?? notSet },
    { id: 'city', header: t('contacts.columns.city'), minWidth: 110, grow: 1, sortable: true, text: (row) => row.city ?? notSet },
    { id: 'country', header: t('contacts.columns.country'), minWidth: 110, grow: 1, sortable: true, text: (row) => row.country ?? notSet },
    {
      id: 'updatedAt',
      header: t('contacts.columns.updatedAt'),
      minWidth: 130,
      grow: 1,
      sortable: true,
      text: (row) => format.date(row.updatedAt),
    },
  ];
}
