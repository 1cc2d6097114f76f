import { useTranslation } from 'react-i18next';
import type { LeadRecord } from '../../../../shared/contract/sales/leads-requests';
import { ReasonDialog } from '../ReasonDialog';
import { leadName } from './lead-columns';

export function DisqualifyDialog({
  lead,
  onConfirm,
  onClose,
}: {
  readonly lead: LeadRecord;
  readonly onConfirm: (reason: string) => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation('leads');
  return (
    <ReasonDialog
      title={t('detail.disqualifyTitle', { name: leadName(lead) })}
      label={t('detail.reason')}
      confirm={t('detail.disqualify')}
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}
