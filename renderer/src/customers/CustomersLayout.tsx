import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';

export function CustomersLayout() {
  const { t } = useTranslation();
  return (
    <section className="page" aria-labelledby="customers-title">
      <header className="page-header">
        <h1 id="customers-title" className="page-title">
          {t('customers.title')}
        </h1>
        <nav className="tabs" aria-label={t('customers.tabs')}>
          <NavLink to="/customers/accounts" className="tab">
            {t('nav.accounts')}
          </NavLink>
          <NavLink to="/customers/contacts" className="tab">
            {t('nav.contacts')}
          </NavLink>
        </nav>
      </header>
      <div className="page-body">
        <Outlet />
      </div>
    </section>
  );
}
