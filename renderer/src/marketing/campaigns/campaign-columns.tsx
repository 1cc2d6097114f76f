import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { CampaignMemberRow, CampaignRow } from '../../../../shared/contract/marketing/campaigns-requests';
import type { Column } from '../../common/RecordList';
import type { ListRow } from '../../data/list-windows';
import type { Formatters } from '../../i18n/formatters';

type Row = ListRow<'campaigns.list'>;
type MemberRow = ListRow<'campaigns.members'>;
/** The list answers CampaignRows; the window type knows only the stored campaign. */
const campaign = (row: Row): CampaignRow => row as unknown as CampaignRow;
const member = (row: MemberRow): CampaignMemberRow => row as unknown as CampaignMemberRow;

export const campaignPath = (id: string): string => `/marketing/campaigns/${encodeURIComponent(id)}`;

/** "12.5 %", or a dash with the reason in a tooltip when no cost is recorded. */
export function roiText(roi: number | null, format: Formatters): string {
  return roi === null ? '—' : format.percent(roi);
}

/**
 * The campaign list's columns. The name is a link for the mouse; keyboard users open the selected row
 * with Enter on the grid, so the link takes no tab stop of its own.
 */
export function campaignColumns(
  t: TFunction<'marketing-campaigns'>,
  tm: TFunction<'marketing'>,
  format: Formatters,
): ReadonlyArray<Column<Row>> {
  return [
    {
      id: 'name',
      header: t('fields.name'),
      minWidth: 180,
      grow: 1.6,
      sortable: true,
      text: (row) => row.name,
      render: (row) => (
        <Link className="record-link" to={campaignPath(row.id)} tabIndex={-1}>
          {row.name}
        </Link>
      ),
    },
    { id: 'type', header: t('fields.type'), minWidth: 100, grow: 0.5, sortable: false, text: (row) => tm(`campaignType.${row.type}`) },
    {
      id: 'status',
      header: t('fields.status'),
      minWidth: 104,
      grow: 0.5,
      sortable: false,
      text: (row) => tm(`campaignStatus.${row.status}`),
      render: (row) => <span className={`badge campaign-status campaign-status-${row.status}`}>{tm(`campaignStatus.${row.status}`)}</span>,
    },
    { id: 'startDate', header: t('fields.startDate'), minWidth: 136, grow: 0.5, sortable: true, text: (row) => format.day(row.startDate) },
    {
      id: 'budget',
      header: t('fields.budget'),
      minWidth: 100,
      grow: 0.6,
      sortable: true,
      numeric: true,
      text: (row) => format.moneyCompact(row.budget, row.currency),
    },
    {
      id: 'actualCost',
      header: t('fields.actualCost'),
      minWidth: 118,
      grow: 0.6,
      sortable: true,
      numeric: true,
      text: (row) => format.moneyCompact(row.actualCost, row.currency),
    },
    {
      id: 'members',
      header: t('fields.members'),
      minWidth: 100,
      grow: 0.4,
      sortable: true,
      numeric: true,
      text: (row) => format.number(campaign(row).members),
    },
    {
      id: 'revenue',
      header: t('fields.revenue'),
      minWidth: 108,
      grow: 0.6,
      sortable: true,
      numeric: true,
      text: (row) => format.moneyCompact(campaign(row).revenue, row.currency),
    },
    {
      id: 'roi',
      header: t('fields.roiShort'),
      minWidth: 84,
      grow: 0.4,
      sortable: true,
      numeric: true,
      text: (row) => roiText(campaign(row).roi, format),
      render: (row) => {
        const roi = campaign(row).roi;
        return (
          <span
            className={roi === null ? '' : roi >= 0 ? 'campaign-roi-up' : 'campaign-roi-down'}
            title={roi === null ? t('figures.noCost') : undefined}
          >
            {roiText(roi, format)}
          </span>
        );
      },
    },
  ];
}

/** The member table's columns; the status chip names delivery failures, and the reason is beside it. */
export function memberColumns(
  t: TFunction<'marketing-campaigns'>,
  tm: TFunction<'marketing'>,
  format: Formatters,
): ReadonlyArray<Column<MemberRow>> {
  return [
    {
      id: 'name',
      header: t('members.name'),
      minWidth: 150,
      grow: 1.4,
      sortable: false,
      text: (row) => member(row).name,
      render: (row) => (
        <span className="campaign-member-name">
          {member(row).name}
          {row.leadId !== undefined ? <span className="badge rec-badge-outline campaign-kind">{t('members.lead')}</span> : null}
        </span>
      ),
    },
    {
      id: 'account',
      header: t('members.account'),
      minWidth: 130,
      grow: 1.2,
      sortable: false,
      text: (row) => member(row).accountName ?? '',
    },
    {
      id: 'email',
      header: t('members.email'),
      minWidth: 160,
      grow: 1.3,
      sortable: false,
      text: (row) => member(row).email ?? '',
      render: (row) => (
        <span className="campaign-email">
          {member(row).email ?? ''}
          {member(row).optedOut ? <span className="badge campaign-opted-out">{t('members.optedOut')}</span> : null}
        </span>
      ),
    },
    {
      id: 'status',
      header: t('members.status'),
      minWidth: 124,
      grow: 0.6,
      sortable: true,
      text: (row) => tm(`memberStatus.${row.status}`),
      render: (row) => (
        <span className={`badge member-status member-status-${row.status}`} data-testid="member-status">
          {tm(`memberStatus.${row.status}`)}
        </span>
      ),
    },
    {
      id: 'sentAt',
      header: t('members.sentAt'),
      minWidth: 120,
      grow: 0.7,
      sortable: false,
      text: (row) => (row.sentAt !== undefined ? format.dateTime(row.sentAt) : ''),
    },
    {
      id: 'delivery',
      header: t('members.delivery'),
      minWidth: 150,
      grow: 1.2,
      sortable: false,
      text: (row) => (row.status === 'bounced' || row.status === 'failed' ? (row.deliveryError ?? '') : ''),
      render: (row) =>
        row.status === 'bounced' || row.status === 'failed' ? (
          <span className="campaign-delivery-error" title={row.deliveryError}>
            {row.deliveryError ?? ''}
          </span>
        ) : null,
    },
  ];
}
