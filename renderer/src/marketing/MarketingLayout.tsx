import { useTranslation } from 'react-i18next';
import { TabbedLayout } from '../common/TabbedLayout';
import './marketing.css';

export function MarketingLayout() {
  const { t } = useTranslation('marketing');
  return (
    <TabbedLayout
      id="marketing-title"
      title={t('title')}
      tabsLabel={t('tabs.label')}
      tabs={[
        { to: '/marketing/campaigns', label: t('tabs.campaigns') },
        { to: '/marketing/segments', label: t('tabs.segments') },
        { to: '/marketing/discover', label: t('tabs.discover') },
        { to: '/marketing/templates', label: t('tabs.templates') },
        { to: '/marketing/outbox', label: t('tabs.outbox') },
        { to: '/marketing/dashboard', label: t('tabs.dashboard') },
      ]}
    />
  );
}
