import { useTranslation } from 'react-i18next';
import { ReasonDialog } from '../ReasonDialog';

/** A lost deal needs a reason (win/loss analysis reads it); the move waits for it. */
export function LostReasonDialog({ onConfirm, onClose }: { readonly onConfirm: (reason: string) => void; readonly onClose: () => void }) {
  const { t } = useTranslation('sales');
  return (
    <ReasonDialog
      title={t('lost.title')}
      label={t('lost.reason')}
      confirm={t('lost.confirm')}
      testId="lost-dialog"
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}
