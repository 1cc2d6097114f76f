import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import './sales.css';

export function SalesLayout() {
  const { t } = useTranslation('sales');
  return (
    <section className="page" aria-labelledby="sales-title">
      <header className="page-header">
        <h1 id="sales-title" className="page-title">
          {t('title')}
        </h1>
        <nav className="tabs" aria-label={t('tabs.label')}>
          <NavLink to="/sales/dashboard" className="tab">
            {t('tabs.dashboard')}
          </NavLink>
          <NavLink to="/sales/pipeline" className="tab">
            {t('tabs.pipeline')}
          </NavLink>
          <NavLink to="/sales/opportunities" className="tab" end>
            {t('tabs.opportunities')}
          </NavLink>
          <NavLink to="/sales/leads" className="tab">
            {t('tabs.leads')}
          </NavLink>
          <NavLink to="/sales/today" className="tab">
            {t('tabs.today')}
          </NavLink>
        </nav>
      </header>
      <div className="page-body">
        <Outlet />
      </div>
    </section>
  );
}
