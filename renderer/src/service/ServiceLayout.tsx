import { useTranslation } from 'react-i18next';
import { TabbedLayout } from '../common/TabbedLayout';
import './service.css';

export function ServiceLayout() {
  const { t } = useTranslation('service');
  return (
    <TabbedLayout
      id="service-title"
      title={t('title')}
      tabsLabel={t('tabs.label')}
      tabs={[
        { to: '/service/cases', label: t('tabs.cases') },
        { to: '/service/knowledge', label: t('tabs.knowledge') },
        { to: '/service/dashboard', label: t('tabs.dashboard') },
        { to: '/service/settings', label: t('tabs.settings') },
      ]}
    />
  );
}
