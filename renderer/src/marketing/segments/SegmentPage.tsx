import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../common/StateViews';

/** Placeholder until this screen is built. */
export function SegmentPage() {
  const { t } = useTranslation();
  return <EmptyState title={t('comingSoon.title', { area: 'SegmentPage' })} body={t('comingSoon.body')} />;
}
