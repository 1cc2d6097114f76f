import { useTranslation } from 'react-i18next';
import { TabbedLayout } from '../common/TabbedLayout';
import './sales.css';

export function SalesLayout() {
  const { t } = useTranslation('sales');
  const { t: tc } = useTranslation('catalog');
  return (
    <TabbedLayout
      id="sales-title"
      title={t('title')}
      tabsLabel={t('tabs.label')}
      tabs={[
        { to: '/sales/dashboard', label: t('tabs.dashboard') },
        { to: '/sales/pipeline', label: t('tabs.pipeline') },
        { to: '/sales/opportunities', label: t('tabs.opportunities'), end: true },
        { to: '/sales/leads', label: t('tabs.leads') },
        { to: '/sales/today', label: t('tabs.today') },
        { to: '/sales/products', label: tc('tabs.products') },
        { to: '/sales/quotas', label: tc('tabs.quotas') },
      ]}
    />
  );
}
