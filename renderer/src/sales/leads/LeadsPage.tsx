import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { LeadListParams, LeadRecord } from '../../../../shared/contract/sales/leads-requests';
import { LEAD_SOURCES, LEAD_STATUSES } from '../../../../shared/schemas';
import { RecordList } from '../../common/RecordList';
import { useFormatters } from '../../i18n/use-formatters';
import { useRequest } from '../use-request';
import { LeadCaptureForm } from './LeadCaptureForm';
import { leadColumns } from './lead-columns';
import { ANY_OWNER, MY_LEADS, useLeadsView } from './leads-view-store';
import './leads.css';

/** Quick capture beside the live, windowed list of every lead; a row opens the lead's page. */
export function LeadsPage() {
  const { t } = useTranslation('leads');
  const format = useFormatters();
  const navigate = useNavigate();
  const { status, source, owner, sort, update, clearFilters } = useLeadsView();
  const owners = useRequest('accounts.filterOptions', {}, 'owners');
  const ownerList = useMemo(() => (owners.status === 'ready' ? owners.value.owners : []), [owners]);
  const ownerName = useMemo(() => {
    const names = new Map(ownerList.map((o) => [o.id, o.name]));
    return (lead: LeadRecord) => (lead.mine ? t('fields.ownerYou') : (names.get(lead.ownerId) ?? lead.ownerId));
  }, [ownerList, t]);
  const columns = useMemo(() => leadColumns(t, format, ownerName), [t, format, ownerName]);

  const query = useMemo((): Omit<LeadListParams, 'offset' | 'limit'> => {
    const filter: NonNullable<LeadListParams['filter']> = {
      ...(status ? { status: [status] } : {}),
      ...(source ? { source: [source] } : {}),
      ...(owner === MY_LEADS ? { mine: true } : owner ? { ownerId: [owner] } : {}),
    };
    return { filter, sort };
  }, [status, source, owner, sort]);
  const filtered = status !== '' || source !== '' || owner !== ANY_OWNER;

  return (
    <div className="sales-split leads-page">
      <div className="sales-panel">
        <LeadCaptureForm />
      </div>
      <div className="sales-table leads-list">
        <div className="sales-filters" role="group" aria-label={t('list.label')}>
          <label className="rec-field">
            <span className="rec-field-label">{t('filters.status')}</span>
            <select
              className="rec-input select"
              value={status}
              data-testid="lead-filter-status"
              onChange={(e) => update({ status: e.target.value as typeof status })}
            >
              <option value="">{t('filters.any')}</option>
              {LEAD_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="rec-field">
            <span className="rec-field-label">{t('filters.source')}</span>
            <select
              className="rec-input select"
              value={source}
              data-testid="lead-filter-source"
              onChange={(e) => update({ source: e.target.value as typeof source })}
            >
              <option value="">{t('filters.any')}</option>
              {LEAD_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`source.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="rec-field">
            <span className="rec-field-label">{t('filters.owner')}</span>
            <select
              className="rec-input select"
              value={owner}
              data-testid="lead-filter-owner"
              onChange={(e) => update({ owner: e.target.value })}
            >
              <option value={ANY_OWNER}>{t('filters.any')}</option>
              <option value={MY_LEADS}>{t('filters.mine')}</option>
              {ownerList.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <RecordList
          request="leads.list"
          query={query}
          columns={columns}
          sort={sort}
          onSortChange={(next) =>
            update({ sort: { field: next.field === 'lastName' ? 'lastName' : 'updatedAt', direction: next.direction } })
          }
          label={t('list.label')}
          countLabel={(total) => t('list.count', { count: total })}
          empty={{ title: t('list.emptyTitle'), body: t('list.emptyBody') }}
          emptyFiltered={
            filtered
              ? { title: t('list.filteredTitle'), body: t('list.filteredBody'), clearLabel: t('list.clear'), onClear: clearFilters }
              : undefined
          }
          onOpen={(row) => void navigate(`/sales/leads/${encodeURIComponent(row.id)}`)}
        />
      </div>
    </div>
  );
}
