import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, CrmError } from '../../../../shared/contract';
import { ErrorState, LoadingState } from '../../common/StateViews';
import { useCrmClient } from '../../transport/client-context';
import { LanguageSelect } from '../LanguageSwitch';
import './settings.css';

type Loaded = { readonly info: AppInfo } | { readonly error: CrmError } | null;

/** Settings: the language, how the data on this device is protected, and what is running. */
export function SettingsPage() {
  const { t } = useTranslation();
  const client = useCrmClient();
  const [loaded, setLoaded] = useState<Loaded>(null);

  useEffect(() => {
    let current = true;
    void client.send('app.info', {}).then((result) => {
      if (current) setLoaded(result.ok ? { info: result.value } : { error: result.error });
    });
    return () => {
      current = false;
    };
  }, [client]);

  return (
    <section className="page" aria-labelledby="settings-title">
      <header className="page-header">
        <h1 id="settings-title" className="page-title">
          {t('settings.title')}
        </h1>
      </header>
      <div className="page-body settings-body">
        <section className="settings-card" aria-labelledby="settings-language">
          <h2 id="settings-language" className="settings-card-title">
            {t('settings.language.title')}
          </h2>
          <label className="settings-field">
            <span>{t('settings.language.label')}</span>
            <LanguageSelect testId="settings-language" />
          </label>
        </section>

        {loaded === null ? <LoadingState /> : null}
        {loaded && 'error' in loaded ? <ErrorState title={t('settings.loadFailed')} error={loaded.error} /> : null}
        {loaded && 'info' in loaded ? <DeviceSections info={loaded.info} /> : null}
      </div>
    </section>
  );
}

function DeviceSections({ info }: { readonly info: AppInfo }) {
  const { t } = useTranslation();
  const protection = info.keyProtection;
  return (
    <>
      <section className="settings-card" aria-labelledby="settings-data" data-testid="key-protection" data-protection={protection}>
        <h2 id="settings-data" className="settings-card-title">
          {t('settings.data.title')}
        </h2>
        <div className={`settings-notice settings-notice-${protection}`}>
          <p className="settings-notice-title">{t(`settings.data.${protection}.title`)}</p>
          <p>{t(`settings.data.${protection}.body`)}</p>
          {protection === 'key-file' ? (
            <p>{t(info.host === 'browser' ? 'settings.data.key-file.browser' : 'settings.data.key-file.desktop')}</p>
          ) : null}
        </div>
        <dl className="settings-facts">
          <div>
            <dt>{t('settings.data.folder')}</dt>
            <dd>
              <code>{info.dataDir}</code>
            </dd>
          </div>
        </dl>
      </section>

      <section className="settings-card" aria-labelledby="settings-about">
        <h2 id="settings-about" className="settings-card-title">
          {t('settings.about.title')}
        </h2>
        <dl className="settings-facts">
          <div>
            <dt>{t('settings.about.version')}</dt>
            <dd>{info.version}</dd>
          </div>
          <div>
            <dt>{t('settings.about.host')}</dt>
            <dd>{t(`settings.about.hosts.${info.host}`)}</dd>
          </div>
        </dl>
      </section>
    </>
  );
}
