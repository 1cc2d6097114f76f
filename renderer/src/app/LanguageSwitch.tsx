import { useTranslation } from 'react-i18next';
import { useLanguageChoice } from './use-language-choice';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language, languages, choose } = useLanguageChoice();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language.label')}</span>
      <select value={language} data-testid="language-switch" onChange={(event) => choose(event.target.value)}>
        {languages.map((option) => (
          // lang: the browser picks the script's font directly instead of searching the fallbacks.
          <option key={option} value={option} lang={option}>
            {t(`language.${option}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
