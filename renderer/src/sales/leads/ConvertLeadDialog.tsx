import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadConverted, LeadRecord } from '../../../../shared/contract/sales/leads-requests';
import { Dialog } from '../../common/Dialog';
import { localIsoDate, useSend } from '../use-request';

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CNY', 'JPY', 'CAD', 'AUD', 'SGD', 'BRL'] as const;

/** One step: the core writes account, contact and opportunity together or not at all. */
export function ConvertLeadDialog({
  lead,
  onDone,
  onClose,
}: {
  readonly lead: LeadRecord;
  readonly onDone: (converted: LeadConverted) => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation('sales');
  const send = useSend();
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ');
  const [accountName, setAccountName] = useState(lead.company ?? lead.lastName);
  const [opportunityName, setOpportunityName] = useState(`${lead.company ?? lead.lastName} – ${t('opps.details')}`);
  const [currency, setCurrency] = useState<string>('EUR');
  const [closeDate, setCloseDate] = useState(localIsoDate(90));
  return (
    <Dialog title={t('leads.convertTitle', { name })} onClose={onClose} testId="convert-dialog">
      <form
        className="sales-form"
        onSubmit={async (event) => {
          event.preventDefault();
          const converted = await send(
            'leads.convert',
            { id: lead.id, accountName, opportunityName, currency, closeDate, expectedRevision: lead.revision },
            (message) => t('common.failed', { message }),
          );
          if (converted) onDone(converted);
        }}
      >
        <label className="rec-field">
          <span className="rec-field-label">{t('leads.accountName')}</span>
          <input className="rec-input" value={accountName} required maxLength={200} onChange={(e) => setAccountName(e.target.value)} />
        </label>
        <label className="rec-field">
          <span className="rec-field-label">{t('leads.opportunityName')}</span>
          <input
            className="rec-input"
            value={opportunityName}
            required
            maxLength={200}
            onChange={(e) => setOpportunityName(e.target.value)}
          />
        </label>
        <div className="sales-row">
          <label className="rec-field">
            <span className="rec-field-label">{t('leads.currency')}</span>
            <select className="rec-input select" value={currency} onChange={(e) => setCurrency(e.target.value)}>
              {CURRENCIES.map((code) => (
                <option key={code}>{code}</option>
              ))}
            </select>
          </label>
          <label className="rec-field">
            <span className="rec-field-label">{t('leads.closeDate')}</span>
            <input className="rec-input" type="date" value={closeDate} required onChange={(e) => setCloseDate(e.target.value)} />
          </label>
        </div>
        <div className="sales-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button">
            {t('leads.convert')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
