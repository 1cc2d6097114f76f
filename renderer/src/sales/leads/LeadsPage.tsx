import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LeadConverted, LeadRecord } from '../../../../shared/contract/sales/leads-requests';
import { LEAD_SOURCES, LEAD_STATUSES, type Lead } from '../../../../shared/schemas';
import { ErrorState, LoadingState } from '../../common/StateViews';
import { useFormatters } from '../../i18n/use-formatters';
import { useRequest, useSend } from '../use-request';
import { VirtualTable, type TableColumn } from '../VirtualTable';
import { ConvertLeadDialog } from './ConvertLeadDialog';
import { DisqualifyDialog } from './DisqualifyDialog';
import { LeadCaptureForm } from './LeadCaptureForm';

type Sort = { readonly field: 'updatedAt' | 'lastName'; readonly direction: 'asc' | 'desc' };

/** Capture on the left, the list on the right; one window of up to 500 leads, virtualized. */
export function LeadsPage() {
  const { t } = useTranslation('sales');
  const format = useFormatters();
  const send = useSend();
  const [status, setStatus] = useState<'' | Lead['status']>('');
  const [source, setSource] = useState<'' | Lead['source']>('');
  const [owner, setOwner] = useState('');
  const owners = useRequest('accounts.filterOptions', {}, 'owners');
  const [sort, setSort] = useState<Sort>({ field: 'updatedAt', direction: 'desc' });
  const filter = {
    ...(status ? { status: [status] } : {}),
    ...(source ? { source: [source] } : {}),
    ...(owner ? { ownerId: [owner] } : {}),
  };
  const list = useRequest('leads.list', { filter, sort, limit: 500 }, JSON.stringify([filter, sort]));
  const [converting, setConverting] = useState<LeadRecord | null>(null);
  const [disqualifying, setDisqualifying] = useState<LeadRecord | null>(null);
  const [converted, setConverted] = useState<LeadConverted | null>(null);

  const setLeadStatus = async (lead: LeadRecord, next: 'qualified' | 'unqualified', reason?: string) => {
    await send(
      'leads.setStatus',
      { id: lead.id, status: next, ...(reason ? { reason } : {}), expectedRevision: lead.revision },
      (message) => t('common.failed', { message }),
    );
    list.reload();
  };

  const columns: ReadonlyArray<TableColumn<LeadRecord>> = [
    {
      id: 'name',
      header: t('leads.lastName'),
      width: 'minmax(120px, 1.2fr)',
      sortField: 'lastName',
      cell: (l) => <strong>{[l.firstName, l.lastName].filter(Boolean).join(' ')}</strong>,
    },
    { id: 'company', header: t('leads.company'), width: 'minmax(100px, 1.2fr)', cell: (l) => l.company ?? '' },
    {
      id: 'status',
      header: t('leads.status'),
      width: '120px',
      cell: (l) => <span className={`badge lead-${l.status}`}>{t(`leadStatus.${l.status}`)}</span>,
    },
    { id: 'source', header: t('leads.source'), width: '100px', cell: (l) => t(`leadSource.${l.source}`) },
    { id: 'score', header: t('leads.score'), width: '64px', numeric: true, cell: (l) => format.number(l.score) },
    { id: 'updated', header: t('leads.updated'), width: '124px', sortField: 'updatedAt', cell: (l) => format.date(l.updatedAt) },
    {
      id: 'actions',
      header: '',
      width: '220px',
      cell: (l) =>
        l.status === 'converted' ? null : (
          <span className="row-actions">
            {l.status !== 'qualified' ? (
              <button type="button" className="link-button" onClick={() => void setLeadStatus(l, 'qualified')}>
                {t('leads.qualify')}
              </button>
            ) : null}
            {l.status !== 'unqualified' ? (
              <button type="button" className="link-button" onClick={() => setDisqualifying(l)}>
                {t('leads.disqualify')}
              </button>
            ) : null}
            <button type="button" className="button" onClick={() => setConverting(l)}>
              {t('leads.convert')}
            </button>
          </span>
        ),
    },
  ];

  return (
    <div className="sales-split">
      <div className="sales-panel">
        <LeadCaptureForm onCreated={list.reload} />
      </div>
      <div className="sales-table">
        {converted ? (
          <div className="sales-notice" role="status" data-testid="converted-notice">
            <span>{t('leads.converted')}</span>
            <Link to={`/customers/accounts/${converted.accountId}`}>{t('leads.openAccount')}</Link>
            <Link to={`/sales/opportunities/${converted.opportunityId}`}>{t('leads.openOpportunity')}</Link>
          </div>
        ) : null}
        <div className="sales-filters">
          <label className="rec-field">
            <span className="rec-field-label">{t('leads.status')}</span>
            <select className="rec-input select" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
              <option value="">{t('common.any')}</option>
              {LEAD_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`leadStatus.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="rec-field">
            <span className="rec-field-label">{t('leads.source')}</span>
            <select className="rec-input select" value={source} onChange={(e) => setSource(e.target.value as typeof source)}>
              <option value="">{t('common.any')}</option>
              {LEAD_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`leadSource.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="rec-field">
            <span className="rec-field-label">{t('leads.owner')}</span>
            <select className="rec-input select" value={owner} onChange={(e) => setOwner(e.target.value)}>
              <option value="">{t('common.any')}</option>
              {(owners.status === 'ready' ? owners.value.owners : []).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <span className="record-list-count">{list.status === 'ready' ? t('leads.count', { count: list.value.total }) : ''}</span>
        </div>
        {list.status === 'loading' ? <LoadingState label={t('common.loading')} /> : null}
        {list.status === 'error' ? <ErrorState title={t('common.loadFailed')} error={list.error} onRetry={list.reload} /> : null}
        {list.status === 'ready' ? (
          <VirtualTable
            label={t('leads.listLabel')}
            testId="leads-table"
            rows={list.value.rows}
            rowKey={(l) => l.id}
            columns={columns}
            sort={sort}
            onSort={(field) =>
              setSort((s) => ({ field: field as Sort['field'], direction: s.field === field && s.direction === 'asc' ? 'desc' : 'asc' }))
            }
          />
        ) : null}
      </div>
      {converting ? (
        <ConvertLeadDialog
          lead={converting}
          onClose={() => setConverting(null)}
          onDone={(result) => {
            setConverting(null);
            setConverted(result);
            list.reload();
          }}
        />
      ) : null}
      {disqualifying ? (
        <DisqualifyDialog
          lead={disqualifying}
          onClose={() => setDisqualifying(null)}
          onConfirm={(reason) => {
            setDisqualifying(null);
            void setLeadStatus(disqualifying, 'unqualified', reason);
          }}
        />
      ) : null}
    </div>
  );
}
