import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { namespaces, resourcesFor } from './namespaces';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as ReadonlyArray<string>).includes(value);
}

/** First run: follow the OS/browser language when we have it, else English. */
export function defaultLanguage(preferred: ReadonlyArray<string>): Language {
  for (const tag of preferred) {
    if (tag.toLowerCase().startsWith('zh')) return 'zh-CN';
    if (tag.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}

export async function initI18n(language: Language): Promise<i18n> {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: resourcesFor('en'), 'zh-CN': resourcesFor('zh-CN') },
    ns: Object.keys(namespaces),
    defaultNS: 'translation',
    // React escapes output already.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return i18next;
}
