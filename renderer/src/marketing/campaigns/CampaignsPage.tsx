import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CampaignListParams, CampaignSortField } from '../../../../shared/contract/marketing/campaigns-requests';
import { CAMPAIGN_SORT_FIELDS } from '../../../../shared/contract/marketing/campaigns-requests';
import type { AttributionModel } from '../../../../shared/marketing/attribution';
import { CAMPAIGN_STATUSES, CAMPAIGN_TYPES, type Campaign } from '../../../../shared/schemas/marketing';
import { RecordList, type SortState } from '../../common/RecordList';
import { useFormatters } from '../../i18n/use-formatters';
import { campaignColumns, campaignPath } from './campaign-columns';
import { ModelSelect } from './ModelSelect';
import '../../customers/detail/record.css';
import './campaigns.css';

const SORTABLE = new Set<string>(CAMPAIGN_SORT_FIELDS);

/** Every campaign with its results under the chosen attribution model, filtered, sorted and live. */
export function CampaignsPage() {
  const { t } = useTranslation('marketing-campaigns');
  const { t: tm } = useTranslation('marketing');
  const format = useFormatters();
  const navigate = useNavigate();
  const [type, setType] = useState<Campaign['type'] | ''>('');
  const [status, setStatus] = useState<Campaign['status'] | ''>('');
  const [text, setText] = useState('');
  const [model, setModel] = useState<AttributionModel>('even_split');
  const [sort, setSort] = useState<{ field: CampaignSortField; direction: 'asc' | 'desc' }>({ field: 'startDate', direction: 'desc' });
  const columns = useMemo(() => campaignColumns(t, tm, format), [t, tm, format]);

  const query = useMemo((): Omit<CampaignListParams, 'offset' | 'limit'> => {
    const words = text.trim();
    return {
      filter: { ...(type ? { type: [type] } : {}), ...(status ? { status: [status] } : {}), ...(words ? { text: words } : {}) },
      model,
      sort,
    };
  }, [type, status, text, model, sort]);
  const filtered = type !== '' || status !== '' || text.trim() !== '';
  const clear = (): void => {
    setType('');
    setStatus('');
    setText('');
  };
  const onSort = (next: SortState): void =>
    setSort({ field: (SORTABLE.has(next.field) ? next.field : 'startDate') as CampaignSortField, direction: next.direction });

  return (
    <div className="rec-scope campaigns-page" data-testid="campaigns-page">
      <div className="campaign-toolbar">
        <div className="campaign-filters" role="group" aria-label={t('list.filters')}>
          <label className="rec-field campaign-filter">
            <span className="rec-field-label">{t('list.search')}</span>
            <input
              className="rec-input"
              type="search"
              value={text}
              maxLength={100}
              placeholder={t('list.searchPlaceholder')}
              onChange={(e) => setText(e.target.value)}
              data-testid="campaign-filter-text"
            />
          </label>
          <label className="rec-field campaign-filter">
            <span className="rec-field-label">{t('fields.type')}</span>
            <select
              className="rec-input select"
              value={type}
              onChange={(e) => setType(e.target.value as Campaign['type'] | '')}
              data-testid="campaign-filter-type"
            >
              <option value="">{t('list.any')}</option>
              {CAMPAIGN_TYPES.map((v) => (
                <option key={v} value={v}>
                  {tm(`campaignType.${v}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="rec-field campaign-filter">
            <span className="rec-field-label">{t('fields.status')}</span>
            <select
              className="rec-input select"
              value={status}
              onChange={(e) => setStatus(e.target.value as Campaign['status'] | '')}
              data-testid="campaign-filter-status"
            >
              <option value="">{t('list.any')}</option>
              {CAMPAIGN_STATUSES.map((v) => (
                <option key={v} value={v}>
                  {tm(`campaignStatus.${v}`)}
                </option>
              ))}
            </select>
          </label>
          <ModelSelect value={model} onChange={setModel} testId="campaign-list-model" />
        </div>
        <Link to="/marketing/campaigns/new" className="button" data-testid="campaign-new">
          {t('list.new')}
        </Link>
      </div>
      <div className="campaign-list">
        <RecordList
          request="campaigns.list"
          query={query}
          columns={columns}
          sort={sort}
          onSortChange={onSort}
          label={t('list.label')}
          countLabel={(total) => t('list.count', { count: total })}
          empty={{ title: t('list.emptyTitle'), body: t('list.emptyBody') }}
          emptyFiltered={
            filtered
              ? { title: t('list.filteredTitle'), body: t('list.filteredBody'), clearLabel: t('list.clear'), onClear: clear }
              : undefined
          }
          onOpen={(row) => void navigate(campaignPath(row.id))}
        />
      </div>
    </div>
  );
}
