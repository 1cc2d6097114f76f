import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../common/StateViews';

/** Placeholder until this screen is built. */
export function TemplatesPage() {
  const { t } = useTranslation();
  return <EmptyState title={t('comingSoon.title', { area: 'TemplatesPage' })} body={t('comingSoon.body')} />;
}
