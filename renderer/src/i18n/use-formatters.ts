import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createFormatters, type Formatters } from './formatters';

/** Formatters for the language the user picked (re-created only when it changes). */
export function useFormatters(): Formatters {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const justNow = t('time.justNow');
  return useMemo(() => createFormatters(locale, { justNow }), [locale, justNow]);
}
