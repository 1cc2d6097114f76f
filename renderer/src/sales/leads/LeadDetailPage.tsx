import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { LeadRecord } from '../../../../shared/contract/sales/leads-requests';
import { ErrorState, LoadingState } from '../../common/StateViews';
import { useToastStore } from '../../common/toast-store';
import { useLiveQuery } from '../../data/use-live-query';
import { useFormatters } from '../../i18n/use-formatters';
import { useRequest, useSend } from '../use-request';
import { ConvertLeadDialog } from './ConvertLeadDialog';
import { DisqualifyDialog } from './DisqualifyDialog';
import { leadName } from './lead-columns';
import { LeadActivities } from './LeadActivities';
import { LeadEditForm } from './LeadEditForm';
import './leads.css';

/** One lead, live: its fields (editable), its notes and history, qualification and conversion. */
export function LeadDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('leads');
  const live = useLiveQuery('leads.get', { id }, id);
  if (live.status === 'loading') return <LoadingState label={t('loading')} />;
  if (live.status === 'error') return <ErrorState title={t('detail.loadFailed')} error={live.error} />;
  return <LeadDetail lead={live.result} />;
}

function LeadDetail({ lead }: { readonly lead: LeadRecord }) {
  const { t } = useTranslation('leads');
  const format = useFormatters();
  const send = useSend();
  const show = useToastStore((state) => state.show);
  const owners = useRequest('accounts.filterOptions', {}, 'owners');
  const owner = lead.mine
    ? t('fields.ownerYou')
    : owners.status === 'ready'
      ? owners.value.owners.find((o) => o.id === lead.ownerId)?.name
      : undefined;
  const [editing, setEditing] = useState(false);
  const [converting, setConverting] = useState(false);
  const [disqualifying, setDisqualifying] = useState(false);
  const converted = lead.status === 'converted';
  const failed = (message: string) => t('failed', { message });

  const setStatus = async (status: 'qualified' | 'unqualified', reason?: string) => {
    await send('leads.setStatus', { id: lead.id, status, ...(reason ? { reason } : {}), expectedRevision: lead.revision }, failed);
  };
  const notSet = t('detail.notSet');
  const rows: ReadonlyArray<readonly [string, string]> = [
    [t('fields.company'), lead.company ?? notSet],
    [t('fields.title'), lead.title ?? notSet],
    [t('fields.email'), lead.email ?? notSet],
    [t('fields.phone'), lead.phone ?? notSet],
    [t('fields.city'), lead.city ?? notSet],
    [t('fields.country'), lead.country ?? notSet],
    [t('fields.source'), t(`source.${lead.source}`)],
    [t('fields.rating'), lead.rating ? t(`rating.${lead.rating}`) : t('rating.none')],
    [t('fields.score'), format.number(lead.score)],
    [t('fields.owner'), owner ?? lead.ownerId],
    [t('fields.created'), format.date(lead.createdAt)],
    [t('fields.updated'), format.date(lead.updatedAt)],
  ];

  return (
    <div className="detail lead-detail" data-testid="lead-detail">
      <Link to="/sales/leads" className="back-link">
        {t('detail.back')}
      </Link>
      <div className="lead-head">
        <h2 className="detail-title" data-testid="lead-name">
          {leadName(lead)}
          {lead.company ? <span className="lead-head-company"> · {lead.company}</span> : null}
        </h2>
        <span className={`badge lead-badge lead-badge-${lead.status}`} data-testid="lead-status">
          {t(`status.${lead.status}`)}
        </span>
        {converted ? null : (
          <div className="lead-actions">
            {lead.status !== 'qualified' ? (
              <button type="button" className="button button-secondary" onClick={() => void setStatus('qualified')}>
                {t('detail.qualify')}
              </button>
            ) : null}
            {lead.status !== 'unqualified' ? (
              <button type="button" className="button button-secondary" onClick={() => setDisqualifying(true)}>
                {t('detail.disqualify')}
              </button>
            ) : null}
            <button type="button" className="button" data-testid="lead-convert" onClick={() => setConverting(true)}>
              {t('detail.convert')}
            </button>
          </div>
        )}
      </div>

      {converted ? (
        <div className="sales-notice lead-converted" role="status" data-testid="lead-converted">
          <strong>{t('detail.convertedTitle', { date: lead.convertedAt ? format.date(lead.convertedAt) : notSet })}</strong>
          <span>{t('detail.convertedBody')}</span>
          {lead.convertedAccountId ? (
            <Link to={`/customers/accounts/${encodeURIComponent(lead.convertedAccountId)}`} data-testid="lead-account-link">
              {t('detail.openAccount')}
            </Link>
          ) : null}
          {lead.convertedOpportunityId ? (
            <Link to={`/sales/opportunities/${encodeURIComponent(lead.convertedOpportunityId)}`}>{t('detail.openOpportunity')}</Link>
          ) : null}
        </div>
      ) : null}

      <div className="lead-columns">
        <section className="sales-panel" aria-labelledby="lead-details-title">
          <div className="lead-section-head">
            <h3 id="lead-details-title">{t('detail.details')}</h3>
            {converted || editing ? null : (
              <button type="button" className="link-button" data-testid="lead-edit" onClick={() => setEditing(true)}>
                {t('detail.edit')}
              </button>
            )}
          </div>
          {editing ? (
            // Not keyed by revision: a change from elsewhere while editing must not wipe what the rep typed.
            <LeadEditForm
              lead={lead}
              onDone={(saved) => {
                setEditing(false);
                if (saved) show({ message: t('detail.saved') });
              }}
            />
          ) : (
            <dl className="lead-fields">
              {rows.map(([label, value]) => (
                <div key={label} className="lead-field">
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          )}
        </section>
        <div className="lead-side">
          <section className="sales-panel" aria-labelledby="lead-notes-title">
            <h3 id="lead-notes-title">{t('detail.notesTitle')}</h3>
            {lead.notes ? (
              <p className="lead-notes" data-testid="lead-notes">
                {lead.notes}
              </p>
            ) : (
              <p className="lead-muted">{t('detail.notesEmpty')}</p>
            )}
          </section>
          <LeadActivities contactId={lead.convertedContactId} />
        </div>
      </div>

      {converting ? (
        <ConvertLeadDialog
          lead={lead}
          onClose={() => setConverting(false)}
          onDone={() => {
            setConverting(false);
            show({ message: t('convert.done') });
          }}
        />
      ) : null}
      {disqualifying ? (
        <DisqualifyDialog
          lead={lead}
          onClose={() => setDisqualifying(false)}
          onConfirm={(reason) => {
            setDisqualifying(false);
            void setStatus('unqualified', reason);
          }}
        />
      ) : null}
    </div>
  );
}
