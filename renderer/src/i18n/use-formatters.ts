import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createFormatters, type Formatters } from './formatters';

/** Formatters for the language the user picked (re-created only when it changes). */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => createFormatters(locale), [locale]);
}
