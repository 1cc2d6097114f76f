import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isLanguage } from '../../i18n/i18n';

/** The print route's language comes from the URL, not the device preference (the printer has none). */
export function usePrintLanguage(): boolean {
  const [params] = useSearchParams();
  const { i18n } = useTranslation();
  const wanted = params.get('lang') ?? 'en';
  const language = isLanguage(wanted) ? wanted : 'en';
  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [i18n, language]);
  return i18n.language === language;
}

/**
 * Flags the page as printable once data is in and charts have drawn: charts run without animation,
 * so two animation frames after the commit they are on the canvas. The host waits for this flag.
 */
export function usePrintReady(ready: boolean): void {
  useEffect(() => {
    document.documentElement.classList.add('print-mode');
    return () => {
      document.documentElement.classList.remove('print-mode');
      delete document.body.dataset['printReady'];
    };
  }, []);
  useEffect(() => {
    if (!ready) return undefined;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        document.body.dataset['printReady'] = 'true';
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [ready]);
}
