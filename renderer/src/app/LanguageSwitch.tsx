import { useTranslation } from 'react-i18next';
import { useLanguageChoice } from './use-language-choice';

/** The header's compact language picker; its label is read by screen readers only. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language.label')}</span>
      <LanguageSelect testId="language-switch" />
    </label>
  );
}

/** A select of the UI languages, each named in its own script; choosing one switches the app. */
export function LanguageSelect({ testId }: { readonly testId: string }) {
  const { t } = useTranslation();
  const { language, languages, choose } = useLanguageChoice();
  return (
    <select value={language} data-testid={testId} onChange={(event) => choose(event.target.value)}>
      {languages.map((option) => (
        // lang: the browser picks the script's font directly instead of searching the fallbacks.
        <option key={option} value={option} lang={option}>
          {t(`language.${option}`)}
        </option>
      ))}
    </select>
  );
}
