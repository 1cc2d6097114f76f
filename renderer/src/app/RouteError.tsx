import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/**
 * What a screen shows when it fails to load or render (a code chunk missing after an update, a
 * bug): words and a way out instead of the router's developer page.
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <main className="fatal" role="alert" data-testid="route-error">
      <h1>{t('routeError.title')}</h1>
      <p>{t('routeError.body')}</p>
      <details className="state-detail">
        <summary>{t('routeError.detail')}</summary>
        <code>{detail}</code>
      </details>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('routeError.reload')}
      </button>
    </main>
  );
}
