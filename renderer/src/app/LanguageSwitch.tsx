import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES } from '../i18n/i18n';
import { usePrefs } from '../prefs/prefs-context';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const prefs = usePrefs();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        value={i18n.language}
        data-testid="language-switch"
        onChange={(event) => {
          const next = event.target.value;
          if (!isLanguage(next)) return;
          void i18n.changeLanguage(next);
          // Remembered per device; a failed write only means the choice is not kept.
          void prefs.set('language', next).catch(() => undefined);
        }}
      >
        {LANGUAGES.map((language) => (
          // lang: the browser picks the script's font directly instead of searching the fallbacks.
          <option key={language} value={language} lang={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
