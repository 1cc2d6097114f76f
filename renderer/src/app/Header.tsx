import { useTranslation } from 'react-i18next';
import { GlobalSearch } from '../search/GlobalSearch';
import { useUiStore } from '../state/ui-store';
import { SyncStatusIndicator } from '../sync/SyncStatusIndicator';
import { LanguageSwitch } from './LanguageSwitch';

export function Header() {
  const { t } = useTranslation();
  const connection = useUiStore((state) => state.connection);
  return (
    <header className="app-header">
      <GlobalSearch />
      <div className="header-end">
        {connection === 'connecting' ? (
          <span className="connection-note" role="status">
            {t('connection.connecting')}
          </span>
        ) : null}
        <SyncStatusIndicator />
        <LanguageSwitch />
      </div>
    </header>
  );
}
