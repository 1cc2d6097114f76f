import { useTranslation } from 'react-i18next';
import { TabbedLayout } from '../common/TabbedLayout';
import { useDuplicateCount } from './duplicates/use-duplicate-count';

export function CustomersLayout() {
  const { t } = useTranslation();
  const { t: ti } = useTranslation('insight');
  const { t: td } = useTranslation('duplicates');
  const duplicates = useDuplicateCount();
  return (
    <TabbedLayout
      id="customers-title"
      title={t('customers.title')}
      tabsLabel={t('customers.tabs')}
      tabs={[
        { to: '/customers/accounts', label: t('nav.accounts') },
        { to: '/customers/contacts', label: t('nav.contacts') },
        { to: '/customers/insights', label: ti('tab') },
        { to: '/customers/duplicates', label: duplicates ? td('tabWithCount', { count: duplicates }) : td('tab') },
      ]}
    />
  );
}
