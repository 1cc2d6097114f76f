import { useTranslation } from 'react-i18next';
import { TabbedLayout } from '../common/TabbedLayout';

export function CustomersLayout() {
  const { t } = useTranslation();
  return (
    <TabbedLayout
      id="customers-title"
      title={t('customers.title')}
      tabsLabel={t('customers.tabs')}
      tabs={[
        { to: '/customers/accounts', label: t('nav.accounts') },
        { to: '/customers/contacts', label: t('nav.contacts') },
      ]}
    />
  );
}
