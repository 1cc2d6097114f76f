import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../data/use-live-query';
import { useFormatters } from '../../i18n/use-formatters';
import { ClusterCard } from './ClusterCard';
import '../../reports/reports.css';
import './discover.css';

/** Accounts grouped by how they buy, each group in words, with "Save as segment". */
export function DiscoverPage() {
  const { t } = useTranslation('marketing-dashboard');
  const format = useFormatters();
  const state = useLiveQuery('discover.segments', {}, 'discover');
  const result = state.status === 'ready' ? state.result : null;
  return (
    <div className="page discover-page" data-testid="discover-page">
      <header className="page-header">
        <h2 className="page-title">{t('discover.title')}</h2>
      </header>
      <div className="page-body discover-body">
        <p className="discover-intro">{t('discover.intro')}</p>
        {state.status === 'error' ? (
          <p className="dashboard-error" role="alert">
            {t('discover.error', { message: state.error.message })}
          </p>
        ) : null}
        {result === null && state.status !== 'error' ? <p role="status">{t('discover.loading')}</p> : null}
        {result?.status === 'computing' ? (
          <p role="status" data-testid="discover-computing">
            {t('discover.computing')}
          </p>
        ) : null}
        {result?.status === 'too_little_data' ? (
          <p className="discover-too-little" role="status" data-testid="discover-too-little">
            {t('discover.tooLittle', { accounts: format.number(result.accounts), minimum: format.number(result.minimumAccounts) })}
          </p>
        ) : null}
        {result?.status === 'ready' ? (
          <>
            <p className="discover-summary" data-testid="discover-summary">
              {t('discover.summary', {
                accounts: format.number(result.accounts),
                k: result.k,
                silhouette: (result.silhouettes.find((s) => s.k === result.k)?.silhouette ?? 0).toFixed(2),
                features: result.features.map((f) => t(`discover.feature.${f}`)).join(t('discover.listSeparator')),
              })}
            </p>
            <ul className="discover-grid" aria-label={t('discover.groupsLabel')}>
              {result.clusters.map((cluster) => (
                <li key={cluster.number}>
                  <ClusterCard cluster={cluster} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}
