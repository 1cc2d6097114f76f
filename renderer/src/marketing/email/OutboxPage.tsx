import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../common/StateViews';

/** Placeholder until this screen is built. */
export function OutboxPage() {
  const { t } = useTranslation();
  return <EmptyState title={t('comingSoon.title', { area: 'OutboxPage' })} body={t('comingSoon.body')} />;
}
