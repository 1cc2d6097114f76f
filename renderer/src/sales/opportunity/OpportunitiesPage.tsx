import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OpportunityRecord } from '../../../../shared/contract/sales/opportunities-requests';
import { OPPORTUNITY_STAGES, type OpportunityStage } from '../../../../shared/schemas';
import { ErrorState, LoadingState } from '../../common/StateViews';
import { useFormatters } from '../../i18n/use-formatters';
import { useRequest } from '../use-request';
import { VirtualTable, type TableColumn } from '../VirtualTable';

type Sort = { readonly field: 'closeDate' | 'amount' | 'name' | 'updatedAt'; readonly direction: 'asc' | 'desc' };

/** The same deals as the board, as a sortable list (first 500 of the filter). */
export function OpportunitiesPage() {
  const { t } = useTranslation('sales');
  const format = useFormatters();
  const [stage, setStage] = useState<'' | OpportunityStage>('');
  const [sort, setSort] = useState<Sort>({ field: 'closeDate', direction: 'asc' });
  const filter = stage ? { stage: [stage] } : {};
  const list = useRequest('opportunities.list', { filter, sort, limit: 500 }, JSON.stringify([stage, sort]));
  const columns: ReadonlyArray<TableColumn<OpportunityRecord>> = [
    {
      id: 'name',
      header: t('opps.name'),
      width: 'minmax(180px, 2fr)',
      sortField: 'name',
      cell: (o) => (
        <Link className="record-link" to={`/sales/opportunities/${o.id}`}>
          {o.name}
        </Link>
      ),
    },
    { id: 'stage', header: t('opps.stage'), width: '130px', cell: (o) => t(`stage.${o.stage}`) },
    {
      id: 'amount',
      header: t('opps.amount'),
      width: '140px',
      numeric: true,
      sortField: 'amount',
      cell: (o) => format.money(o.amount, o.currency),
    },
    { id: 'probability', header: t('opps.probability'), width: '110px', numeric: true, cell: (o) => format.percent(o.probability / 100) },
    { id: 'forecast', header: t('opps.forecastCategory'), width: '130px', cell: (o) => t(`forecast.${o.forecastCategory}`) },
    { id: 'closeDate', header: t('opps.closeDate'), width: '120px', sortField: 'closeDate', cell: (o) => o.closeDate },
  ];
  return (
    <div className="sales-table">
      <div className="sales-filters">
        <label className="rec-field">
          <span className="rec-field-label">{t('opps.stage')}</span>
          <select className="rec-input select" value={stage} onChange={(e) => setStage(e.target.value as typeof stage)}>
            <option value="">{t('common.any')}</option>
            {OPPORTUNITY_STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`stage.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="record-list-count">{list.status === 'ready' ? t('opps.count', { count: list.value.total }) : ''}</span>
      </div>
      {list.status === 'loading' ? <LoadingState label={t('common.loading')} /> : null}
      {list.status === 'error' ? <ErrorState title={t('common.loadFailed')} error={list.error} onRetry={list.reload} /> : null}
      {list.status === 'ready' ? (
        <VirtualTable
          label={t('opps.listLabel')}
          rows={list.value.rows}
          rowKey={(o) => o.id}
          columns={columns}
          sort={sort}
          onSort={(field) =>
            setSort((s) => ({ field: field as Sort['field'], direction: s.field === field && s.direction === 'asc' ? 'desc' : 'asc' }))
          }
        />
      ) : null}
    </div>
  );
}
