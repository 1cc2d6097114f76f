import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { useUiStore } from '../state/ui-store';
import { SyncProvider } from '../sync/sync-context';
import { Header } from './Header';
import { MenuCommands } from './MenuCommands';
import { Sidebar } from './Sidebar';

export function AppShell() {
  const { t } = useTranslation();
  const connection = useUiStore((state) => state.connection);
  if (connection === 'unauthorized') {
    return (
      <main className="fatal" role="alert">
        <h1>{t('app.name')}</h1>
        <p>{t('connection.unauthorized')}</p>
      </main>
    );
  }
  return (
    <SyncProvider>
      <div className="app-shell" data-testid="app-shell">
        {/* A button, not href="#main": with hash routes that anchor would be read as a route. */}
        <button type="button" className="skip-link" onClick={() => document.getElementById('main')?.focus()}>
          {t('app.skipToContent')}
        </button>
        <MenuCommands />
        <Sidebar />
        <div className="app-main">
          <Header />
          <main id="main" className="app-content" tabIndex={-1}>
            <Outlet />
          </main>
        </div>
      </div>
    </SyncProvider>
  );
}
