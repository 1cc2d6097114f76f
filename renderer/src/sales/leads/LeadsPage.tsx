import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { LeadListParams, LeadRecord } from '../../../../shared/contract/sales/leads-requests';
import { LEAD_SOURCES, LEAD_STATUSES, type Lead } from '../../../../shared/schemas';
import { RecordList } from '../../common/RecordList';
import { useFormatters } from '../../i18n/use-formatters';
import { useRequest } from '../use-request';
import { LeadCaptureForm } from './LeadCaptureForm';
import { leadColumns } from './lead-columns';
import './leads.css';

type Sort = { readonly field: 'updatedAt' | 'lastName'; readonly direction: 'asc' | 'desc' };
/** The owner filter: anyone, the current user (the core knows who that is), or one owner's id. */
const ANY = '';
const MINE = ':mine';

/** Quick capture beside the live, windowed list of every lead; a row opens the lead's page. */
export function LeadsPage() {
  const { t } = useTranslation('leads');
  const format = useFormatters();
  const navigate = useNavigate();
  const [status, setStatus] = useState<'' | Lead['status']>('');
  const [source, setSource] = useState<'' | Lead['source']>('');
  const [owner, setOwner] = useState<string>(ANY);
  const [sort, setSort] = useState<Sort>({ field: 'updatedAt', direction: 'desc' });
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
      ...(owner === MINE ? { mine: true } : owner ? { ownerId: [owner] } : {}),
    };
    return { filter, sort };
  }, [status, source, owner, sort]);
  const filtered = status !== '' || source !== '' || owner !== ANY;
  const clear = (): void => {
    setStatus('');
    setSource('');
    setOwner(ANY);
  };

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
              onChange={(e) => setStatus(e.target.value as typeof status)}
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
              onChange={(e) => setSource(e.target.value as typeof source)}
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
            <select className="rec-input select" value={owner} data-testid="lead-filter-owner" onChange={(e) => setOwner(e.target.value)}>
              <option value={ANY}>{t('filters.any')}</option>
              <option value={MINE}>{t('filters.mine')}</option>
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
          onSortChange={(next) => setSort({ field: next.field === 'lastName' ? 'lastName' : 'updatedAt', direction: next.direction })}
          label={t('list.label')}
          countLabel={(total) => t('list.count', { count: total })}
          empty={{ title: t('list.emptyTitle'), body: t('list.emptyBody') }}
          emptyFiltered={
            filtered
              ? { title: t('list.filteredTitle'), body: t('list.filteredBody'), clearLabel: t('list.clear'), onClear: clear }
              : undefined
          }
          onOpen={(row) => void navigate(`/sales/leads/${encodeURIComponent(row.id)}`)}
        />
      </div>
    </div>
  );
}
