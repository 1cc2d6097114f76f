import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { NavIcon } from './NavIcon';
import { NAV_ITEMS } from './nav-items';
import { SyncNav } from '../sync/SyncNav';

export function Sidebar() {
  const { t } = useTranslation();
  return (
    <nav className="sidebar" aria-label={t('nav.label')}>
      <div className="brand">
        <img className="brand-mark" src="./icon.svg" alt="" width="28" height="28" />
        <span className="brand-name">{t('app.name')}</span>
      </div>
      <ul className="nav-list">
        {NAV_ITEMS.map((item) => (
          <li key={item.id}>
            <NavLink to={item.path} className="nav-link" data-testid={`nav-${item.id}`}>
              <NavIcon id={item.id} />
              <span>{t(`nav.${item.id}`)}</span>
            </NavLink>
          </li>
        ))}
      </ul>
      <SyncNav />
    </nav>
  );
}
