import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { durationParts } from './sla-display';

/** "2 d 4 h", "3 h 05 min", "12 min" (and seconds on a live countdown), in the rep's language. */
export function useDuration(): (ms: number, withSeconds?: boolean) => string {
  const { t } = useTranslation('service');
  return useCallback(
    (ms: number, withSeconds = false) => {
      const { days, hours, minutes, seconds } = durationParts(ms);
      if (days > 0) return t('duration.days', { days, hours });
      if (hours > 0 && minutes === 0 && !withSeconds) return t('duration.hoursOnly', { hours });
      if (hours > 0) return withSeconds ? t('duration.hoursSeconds', { hours, minutes, seconds }) : t('duration.hours', { hours, minutes });
      return withSeconds ? t('duration.minutesSeconds', { minutes, seconds }) : t('duration.minutes', { minutes });
    },
    [t],
  );
}
