import { createInstance, type TFunction } from 'i18next';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

export type MainLanguage = 'en' | 'zh-CN';

/** The main process's own words (menus, dialogs), in the languages the renderer has. */
export const MAIN_STRINGS = { en, 'zh-CN': zhCN } as const;

/** Chinese system languages get Simplified Chinese, everything else English (as the renderer's default). */
export function mainLanguage(preferred: ReadonlyArray<string>): MainLanguage {
  return preferred[0]?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/**
 * A translator for the main process. The main process cannot read the renderer's language choice
 * (it lives in the page's IndexedDB), so it follows the system's preferred language.
 */
export function createMainStrings(language: MainLanguage): TFunction {
  const i18n = createInstance();
  void i18n.init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    initAsync: false,
    // Dialog text is not HTML.
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}
