import { useTranslation } from 'react-i18next';
import { EmptyState } from '../common/StateViews';
import type { NavId } from './nav-items';

export function ComingSoon({ area }: { readonly area: Exclude<NavId, 'customers'> }) {
  const { t } = useTranslation();
  const name = t(`nav.${area}`);
  return (
    <section className="page" aria-labelledby={`${area}-title`}>
      <header className="page-header">
        <h1 id={`${area}-title`} className="page-title">
          {name}
        </h1>
      </header>
      <div className="page-body">
        <EmptyState title={t('comingSoon.title', { area: name })} body={t('comingSoon.body')} />
      </div>
    </section>
  );
}
