import { useTranslation } from 'react-i18next';
import { durationParts } from './service-filters';

/** Business minutes in the page's language: "45 min", "3 h 20 min", "4 d 2 h"; null as "—". */
export function useDuration(): (minutes: number | null, compact?: boolean) => string {
  const { t } = useTranslation('service-dashboard');
  return (minutes, compact = false) => {
    if (minutes === null) return t('figures.none');
    const { key, values } = durationParts(minutes, compact);
    return t(`duration.${key}`, values);
  };
}
