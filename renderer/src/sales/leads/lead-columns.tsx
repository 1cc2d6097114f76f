import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { LeadRecord } from '../../../../shared/contract/sales/leads-requests';
import type { Column } from '../../common/RecordList';
import type { Formatters } from '../../i18n/formatters';

export function leadName(lead: Pick<LeadRecord, 'firstName' | 'lastName'>): string {
  return [lead.firstName, lead.lastName].filter(Boolean).join(' ');
}

/**
 * The leads list's columns. The name is a link for the mouse; keyboard users open the selected row
 * with Enter on the grid, so the link takes no tab stop of its own.
 */
export function leadColumns(
  t: TFunction<'leads'>,
  format: Formatters,
  ownerName: (lead: LeadRecord) => string,
): ReadonlyArray<Column<LeadRecord>> {
  const notSet = t('detail.notSet');
  return [
    {
      id: 'lastName',
      header: t('fields.name'),
      minWidth: 140,
      grow: 1.3,
      sortable: true,
      text: leadName,
      render: (row) => (
        <Link className="record-link" to={`/sales/leads/${encodeURIComponent(row.id)}`} tabIndex={-1}>
          {leadName(row)}
        </Link>
      ),
    },
    { id: 'company', header: t('fields.company'), minWidth: 130, grow: 1.3, sortable: false, text: (row) => row.company ?? notSet },
    {
      id: 'status',
      header: t('fields.status'),
      minWidth: 110,
      grow: 0.8,
      sortable: false,
      text: (row) => t(`status.${row.status}`),
      render: (row) => <span className={`badge lead-badge lead-badge-${row.status}`}>{t(`status.${row.status}`)}</span>,
    },
    { id: 'source', header: t('fields.source'), minWidth: 100, grow: 0.7, sortable: false, text: (row) => t(`source.${row.source}`) },
    { id: 'owner', header: t('fields.owner'), minWidth: 100, grow: 0.8, sortable: false, text: ownerName },
    {
      id: 'score',
      header: t('fields.score'),
      minWidth: 64,
      grow: 0.3,
      sortable: false,
      numeric: true,
      text: (row) => format.number(row.score),
    },
    { id: 'updatedAt', header: t('fields.updated'), minWidth: 132, grow: 0.7, sortable: true, text: (row) => format.date(row.updatedAt) },
  ];
}
