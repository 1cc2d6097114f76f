import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { namespaces, resourcesFor } from './namespaces';

import type { Language } from './languages';

export { defaultLanguage, isLanguage, LANGUAGES, type Language } from './languages';

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
