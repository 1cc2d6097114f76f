import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../common/StateViews';

/** Placeholder until this screen is built. */
export function TemplatePage() {
  const { t } = useTranslation();
  return <EmptyState title={t('comingSoon.title', { area: 'TemplatePage' })} body={t('comingSoon.body')} />;
}
