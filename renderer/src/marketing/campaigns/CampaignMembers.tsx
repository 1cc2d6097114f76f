import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignDetail, CampaignMemberRow, MemberListParams } from '../../../../shared/contract/marketing/campaigns-requests';
import { CAMPAIGN_MEMBER_STATUSES, type CampaignMemberStatus } from '../../../../shared/schemas/marketing';
import { RecordList, type SortState } from '../../common/RecordList';
import { useFormatters } from '../../i18n/use-formatters';
import { memberColumns } from './campaign-columns';
import { MemberDialog } from './MemberDialog';

/** The campaign's members, windowed (a campaign may hold tens of thousands), filtered by status; Enter logs a response. */
export function CampaignMembers({ detail, onAdd }: { readonly detail: CampaignDetail; readonly onAdd: () => void }) {
  const { t } = useTranslation('marketing-campaigns');
  const { t: tm } = useTranslation('marketing');
  const format = useFormatters();
  const statusId = useId();
  const [status, setStatus] = useState<CampaignMemberStatus | ''>('');
  const [sort, setSort] = useState<{ field: 'status' | 'updatedAt'; direction: 'asc' | 'desc' }>({ field: 'status', direction: 'desc' });
  const [selected, setSelected] = useState<CampaignMemberRow | null>(null);
  const columns = useMemo(() => memberColumns(t, tm, format), [t, tm, format]);
  const query = useMemo(
    (): Omit<MemberListParams, 'offset' | 'limit'> => ({ campaignId: detail.id, ...(status ? { status: [status] } : {}), sort }),
    [detail.id, status, sort],
  );
  const onSort = (next: SortState): void => setSort({ field: next.field === 'status' ? 'status' : 'updatedAt', direction: next.direction });

  return (
    <section className="rec-card campaign-members" aria-labelledby="campaign-members-title" data-testid="campaign-members">
      <header className="campaign-section-header">
        <h3 id="campaign-members-title" className="rec-panel-title">
          {t('members.title')}
        </h3>
        <div className="campaign-members-tools">
          <label htmlFor={statusId} className="visually-hidden">
            {t('members.status')}
          </label>
          <select
            id={statusId}
            className="rec-input select"
            value={status}
            onChange={(e) => setStatus(e.target.value as CampaignMemberStatus | '')}
            data-testid="member-filter-status"
          >
            <option value="">{t('members.allStatuses')}</option>
            {CAMPAIGN_MEMBER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tm(`memberStatus.${s}`)} ({format.number(detail.statusCounts[s])})
              </option>
            ))}
          </select>
          <button type="button" className="button rec-button-small" onClick={onAdd}>
            {t('members.add')}
          </button>
        </div>
      </header>
      <p className="campaign-muted campaign-hint">{t('members.hint')}</p>
      <div className="campaign-member-list">
        <RecordList
          request="campaigns.members"
          query={query}
          columns={columns}
          sort={sort}
          onSortChange={onSort}
          label={t('members.label', { name: detail.name })}
          countLabel={(total) => t('members.count', { count: total })}
          empty={{ title: t('members.emptyTitle'), body: t('members.emptyBody') }}
          emptyFiltered={
            status
              ? {
                  title: t('members.filteredTitle'),
                  body: t('members.filteredBody'),
                  clearLabel: t('members.clear'),
                  onClear: () => setStatus(''),
                }
              : undefined
          }
          onOpen={(row) => setSelected(row as unknown as CampaignMemberRow)}
        />
      </div>
      {selected ? <MemberDialog member={selected} onClose={() => setSelected(null)} /> : null}
    </section>
  );
}
