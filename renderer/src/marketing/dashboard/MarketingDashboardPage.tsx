import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../common/StateViews';

/** Placeholder until this screen is built. */
export function MarketingDashboardPage() {
  const { t } = useTranslation();
  return <EmptyState title={t('comingSoon.title', { area: 'MarketingDashboardPage' })} body={t('comingSoon.body')} />;
}
