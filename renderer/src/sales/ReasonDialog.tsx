import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../common/Dialog';

type Props = {
  readonly title: string;
  readonly label: string;
  readonly confirm: string;
  readonly testId?: string;
  readonly onConfirm: (reason: string) => void;
  readonly onClose: () => void;
};

/** Asks for a short required reason (disqualified leads, lost deals) before the change is made. */
export function ReasonDialog({ title, label, confirm, testId, onConfirm, onClose }: Props) {
  const { t } = useTranslation('sales');
  const [reason, setReason] = useState('');
  return (
    <Dialog title={title} onClose={onClose} testId={testId}>
      <form
        className="sales-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (reason.trim()) onConfirm(reason.trim());
        }}
      >
        <label className="rec-field">
          <span className="rec-field-label">{label}</span>
          <input
            className="rec-input"
            value={reason}
            maxLength={80}
            required
            autoFocus
            onChange={(event) => setReason(event.target.value)}
          />
        </label>
        <div className="sales-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button">
            {confirm}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
