import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { LineIcon, NavIcon } from './NavIcon';
import { NAV_ITEMS } from './nav-items';
import { SyncNav } from '../sync/SyncNav';
import { OutboxNavBadge } from '../marketing/email/OutboxNavBadge';
import './sidebar.css';

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
              {item.id === 'marketing' ? <OutboxNavBadge /> : null}
            </NavLink>
          </li>
        ))}
      </ul>
      <SyncNav />
      <ul className="nav-list settings-nav">
        <li>
          <NavLink to="/settings" className="nav-link" data-testid="nav-settings">
            <SettingsIcon />
            <span>{t('nav.settings')}</span>
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}

/** A gear in the sidebar's 24px line style (see NavIcon.tsx). */
function SettingsIcon() {
  return (
    <LineIcon>
      <circle cx="12" cy="12" r="3" />
      <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1Z" />
    </LineIcon>
  );
}
