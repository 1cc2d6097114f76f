import type { TFunction } from 'i18next';
import type { ContactRecord } from '../../../shared/contract';
import type { Formatters } from '../i18n/formatters';
import type { Column } from './RecordList';

export function contactColumns(t: TFunction, format: Formatters): ReadonlyArray<Column<ContactRecord>> {
  const notSet = t('list.notSet');
  return [
    { id: 'lastName', header: t('contacts.columns.lastName'), minWidth: 140, grow: 1.2, sortable: true, render: (row) => row.lastName },
    { id: 'firstName', header: t('contacts.columns.firstName'), minWidth: 120, grow: 1, sortable: true, render: (row) => row.firstName ?? notSet },
    { id: 'title', header: t('contacts.columns.title'), minWidth: 160, grow: 1.4, sortable: true, render: (row) => row.title ?? notSet },
    { id: 'email', header: t('contacts.columns.email'), minWidth: 200, grow: 1.6, sortable: true, render: (row) => row.email ?? notSet },
    { id: 'phone', header: t('contacts.columns.phone'), minWidth: 150, grow: 1, sortable: false, render: (row) => row.phone ?? notSet },
    { id: 'city', header: t('contacts.columns.city'), minWidth: 110, grow: 1, sortable: true, render: (row) => row.city ?? notSet },
    { id: 'updatedAt', header: t('contacts.columns.updatedAt'), minWidth: 140, grow: 1, sortable: true, render: (row) => format.date(row.updatedAt) },
  ];
}
