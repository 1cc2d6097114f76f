import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadRecord } from '../../../../shared/contract/sales/leads-requests';
import { Dialog } from '../../common/Dialog';

export function DisqualifyDialog({ lead, onConfirm, onClose }: { readonly lead: LeadRecord; readonly onConfirm: (reason: string) => void; readonly onClose: () => void }) {
  const { t } = useTranslation('sales');
  const [reason, setReason] = useState('');
  return (
    <Dialog title={t('leads.disqualifyTitle', { name: lead.lastName })} onClose={onClose}>
      <form
        className="sales-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (reason.trim()) onConfirm(reason.trim());
        }}
      >
        <label className="rec-field">
          <span className="rec-field-label">{t('leads.reason')}</span>
          <input className="rec-input" value={reason} required maxLength={80} autoFocus onChange={(e) => setReason(e.target.value)} />
        </label>
        <div className="sales-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button">
            {t('leads.disqualify')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
