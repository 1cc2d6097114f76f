import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../common/Dialog';

/** A lost deal needs a reason (win/loss analysis reads it); the move waits for it. */
export function LostReasonDialog({ onConfirm, onClose }: { readonly onConfirm: (reason: string) => void; readonly onClose: () => void }) {
  const { t } = useTranslation('sales');
  const [reason, setReason] = useState('');
  return (
    <Dialog title={t('lost.title')} onClose={onClose} testId="lost-dialog">
      <form
        className="sales-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (reason.trim()) onConfirm(reason.trim());
        }}
      >
        <label className="rec-field">
          <span className="rec-field-label">{t('lost.reason')}</span>
          <input className="rec-input" value={reason} maxLength={80} required autoFocus onChange={(event) => setReason(event.target.value)} />
        </label>
        <div className="sales-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button">
            {t('lost.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
