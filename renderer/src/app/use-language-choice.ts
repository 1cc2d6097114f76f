import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES, type Language } from '../i18n/i18n';
import { usePrefs } from '../prefs/prefs-context';

/** The UI language and how to change it (remembered per device); shared by the header switch and Settings. */
export function useLanguageChoice(): {
  readonly language: string;
  readonly languages: ReadonlyArray<Language>;
  choose(next: string): void;
} {
  const { i18n } = useTranslation();
  const prefs = usePrefs();
  return {
    language: i18n.language,
    languages: LANGUAGES,
    choose(next) {
      if (!isLanguage(next)) return;
      void i18n.changeLanguage(next);
      // Remembered per device; a failed write only means the choice is not kept past this session.
      void prefs.set('language', next).catch(() => undefined);
    },
  };
}
