import type { TFunction } from 'i18next';
import type { ContactRecord } from '../../../shared/contract';
import type { Formatters } from '../i18n/formatters';
import type { Column } from '../common/RecordList';

export const DEFAULT_CONTACT_COLUMNS = ['lastName', 'firstName', 'title', 'email', 'phone', 'city', 'updatedAt'] as const;

export function contactColumns(t: TFunction, format: Formatters): ReadonlyArray<Column<ContactRecord>> {
  const notSet = t('list.notSet');
  return [
    { id: 'lastName', header: t('contacts.columns.lastName'), minWidth: 130, grow: 1.2, sortable: true, text: (row) => row.lastName },
    {
      id: 'firstName',
      header: t('contacts.columns.firstName'),
      minWidth: 120,
      grow: 1,
      sortable: true,
      text: (row) => row.firstName ?? notSet,
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
