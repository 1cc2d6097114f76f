import { useTranslation } from 'react-i18next';
import type { LeadRecord } from '../../../../shared/contract/sales/leads-requests';
import { ReasonDialog } from '../ReasonDialog';

export function DisqualifyDialog({
  lead,
  onConfirm,
  onClose,
}: {
  readonly lead: LeadRecord;
  readonly onConfirm: (reason: string) => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation('sales');
  return (
    <ReasonDialog
      title={t('leads.disqualifyTitle', { name: lead.lastName })}
      label={t('leads.reason')}
      confirm={t('leads.disqualify')}
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}
