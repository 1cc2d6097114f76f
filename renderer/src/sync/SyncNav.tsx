import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { LineIcon } from '../app/NavIcon';
import './sync.css';
import { useSync } from './sync-context';

// 24px line icons in the sidebar's style (see app/NavIcon.tsx); drawn here, nothing loads remotely.
const ICONS = {
  sync: 'M20 11a8 8 0 0 0-14.3-4.9L4 8M4 4v4h4M4 13a8 8 0 0 0 14.3 4.9L20 16m0 4v-4h-4',
  conflicts: 'M12 3 2 20h20L12 3Zm0 6v5m0 3v.5',
  account: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 9v-1a7 7 0 0 1 14 0v1',
} as const;

function SyncIcon({ name }: { readonly name: keyof typeof ICONS }) {
  return (
    <LineIcon>
      <path d={ICONS[name]} />
    </LineIcon>
  );
}

/** Sidebar entries of the sync area; the conflicts badge is live from `conflicts.changed`. */
export function SyncNav() {
  const { t } = useTranslation('sync');
  const { conflictCount } = useSync();
  return (
    <ul className="nav-list sync-nav" aria-label={t('nav.label')}>
      <li>
        <NavLink to="/sync" className="nav-link" data-testid="nav-sync">
          <SyncIcon name="sync" />
          <span>{t('nav.sync')}</span>
        </NavLink>
      </li>
      <li>
        <NavLink to="/conflicts" className="nav-link" data-testid="nav-conflicts">
          <SyncIcon name="conflicts" />
          <span>{t('nav.conflicts')}</span>
          {conflictCount > 0 ? (
            <span className="nav-badge" data-testid="conflicts-badge" aria-label={t('nav.openConflicts', { count: conflictCount })}>
              {conflictCount}
            </span>
          ) : null}
        </NavLink>
      </li>
      <li>
        <NavLink to="/account" className="nav-link" data-testid="nav-account">
          <SyncIcon name="account" />
          <span>{t('nav.account')}</span>
        </NavLink>
      </li>
    </ul>
  );
}
