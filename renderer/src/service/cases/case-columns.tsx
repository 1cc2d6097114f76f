import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { CaseRecord } from '../../../../shared/contract/service/cases-requests';
import type { Column } from '../../common/RecordList';
import type { ListRow } from '../../data/list-windows';
import type { Formatters } from '../../i18n/formatters';
import { categoryLabel } from './case-labels';
import { SlaBadge } from './SlaBadge';

type Row = ListRow<'cases.list'>;
/** The list answers CaseRecords; the window type knows only the stored case. */
const record = (row: Row): CaseRecord => row as unknown as CaseRecord;

export const casePath = (id: string): string => `/service/cases/${encodeURIComponent(id)}`;

/**
 * The case list's columns. The number is a link for the mouse; keyboard users open the selected
 * row with Enter on the grid, so the link takes no tab stop of its own.
 */
export function caseColumns(t: TFunction<'service'>, format: Formatters): ReadonlyArray<Column<Row>> {
  return [
    {
      id: 'caseNumber',
      header: t('fields.number'),
      minWidth: 132,
      grow: 0.5,
      sortable: true,
      text: (row) => row.caseNumber,
      render: (row) => (
        <Link className="record-link" to={casePath(row.id)} tabIndex={-1}>
          {row.caseNumber}
        </Link>
      ),
    },
    { id: 'subject', header: t('fields.subject'), minWidth: 150, grow: 2, sortable: false, text: (row) => row.subject },
    { id: 'account', header: t('fields.account'), minWidth: 110, grow: 1.2, sortable: false, text: (row) => record(row).accountName },
    {
      id: 'status',
      header: t('fields.status'),
      minWidth: 104,
      grow: 0.6,
      sortable: false,
      text: (row) => t(`status.${row.status}`),
      render: (row) => <span className={`badge case-status case-status-${row.status}`}>{t(`status.${row.status}`)}</span>,
    },
    {
      id: 'priority',
      header: t('fields.priority'),
      minWidth: 84,
      grow: 0.4,
      sortable: true,
      text: (row) => t(`priority.${row.priority}`),
      render: (row) => <span className={`case-priority case-priority-${row.priority}`}>{t(`priority.${row.priority}`)}</span>,
    },
    {
      id: 'sla',
      header: t('fields.sla'),
      minWidth: 220,
      grow: 0.9,
      sortable: false,
      text: (row) => t(`sla.state.${record(row).sla.state}`),
      render: (row) => <SlaBadge sla={record(row).sla} />,
    },
    {
      id: 'category',
      header: t('fields.category'),
      minWidth: 80,
      grow: 0.5,
      sortable: false,
      text: (row) => categoryLabel(t, row.category),
    },
    {
      id: 'assignee',
      header: t('fields.assignee'),
      minWidth: 90,
      grow: 0.6,
      sortable: false,
      text: (row) => (record(row).mine ? t('case.you') : (record(row).assigneeName ?? t('case.unassigned'))),
    },
    { id: 'openedAt', header: t('fields.opened'), minWidth: 104, grow: 0.5, sortable: true, text: (row) => format.date(row.openedAt) },
  ];
}
