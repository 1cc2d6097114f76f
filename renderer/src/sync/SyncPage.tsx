import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../i18n/use-formatters';
import { useCrmClient } from '../transport/client-context';
import { PendingChangesList } from './PendingChangesList';
import './sync.css';
import { useSync } from './sync-context';
import { useProgressText, useStatusText } from './use-status-text';

/** The sync panel: where things stand, "Sync now", the first-sync progress and what is still local. */
export function SyncPage() {
  const { t } = useTranslation('sync');
  const format = useFormatters();
  const client = useCrmClient();
  const { status, session } = useSync();
  const text = useStatusText(status);
  const progress = useProgressText(status);
  const [kicking, setKicking] = useState(false);
  const signedIn = session?.signedIn === true;

  const syncNow = (): void => {
    setKicking(true);
    // sync.now resolves at once (it only wakes the replication); the status events tell the rest.
    void client.send('sync.now', {}).finally(() => setKicking(false));
  };

  return (
    <section className="page sync-page" aria-labelledby="sync-title">
      <header className="page-header">
        <h1 id="sync-title" className="page-title">
          {t('panel.title')}
        </h1>
      </header>
      <div className="page-body sync-body">
        {status && text ? (
          <div className={`sync-card tone-${text.tone}`} data-testid="sync-summary" data-state={status.state}>
            <div className="sync-card-main">
              <span className="sync-dot sync-dot-large" aria-hidden="true" />
              <div>
                <h2 className="sync-card-title" role="status">
                  {text.label}
                </h2>
                {status.state === 'signed_out' && status.pendingChanges > 0 ? (
                  <p className="sync-card-detail sync-card-pending" data-testid="signed-out-pending">
                    {t('panel.signedOutPending', { count: status.pendingChanges })}
                  </p>
                ) : null}
                <p className="sync-card-detail">
                  {status.state === 'signed_out'
                    ? t('panel.signedOutBody')
                    : status.state === 'offline'
                      ? t('panel.offlineBody')
                      : text.detail}
                </p>
                {signedIn && session.signedIn ? (
                  <p className="sync-card-meta">
                    {t('panel.signedInAs', { email: session.user.email })} · {session.serverUrl}
                    {status.lastSyncedAt ? ` · ${t('panel.lastSyncedAt', { when: format.dateTime(status.lastSyncedAt) })}` : ''}
                  </p>
                ) : null}
                {status.error && status.state !== 'signed_out' ? <code className="sync-error-detail">{status.error.message}</code> : null}
              </div>
            </div>
            <div className="sync-card-actions">
              {signedIn ? (
                <button type="button" className="button" onClick={syncNow} disabled={kicking} data-testid="sync-now">
                  {t('panel.syncNow')}
                </button>
              ) : (
                <Link to="/account" className="button button-link">
                  {t('status.signIn')}
                </Link>
              )}
            </div>
          </div>
        ) : null}

        {status?.initial && progress.initial ? (
          <div className="sync-first" data-testid="first-sync">
            <div className="sync-first-head">
              <strong>{t('panel.firstSync')}</strong>
              <span>
                {progress.initial.done}
                {progress.initial.left ? <span className="sync-time-left"> · {progress.initial.left}</span> : null}
              </span>
            </div>
            {/* Without a total the bar is indeterminate: the server does not announce the size yet. */}
            <progress
              className="sync-progress"
              aria-label={t('panel.firstSync')}
              max={status.initial.total}
              value={status.initial.total === undefined ? undefined : Math.min(status.initial.pulled, status.initial.total)}
            />
            <p className="sync-note">{t('panel.firstSyncBody')}</p>
          </div>
        ) : null}

        {status?.upload && progress.upload ? (
          <div className="sync-first" data-testid="upload-progress">
            <div className="sync-first-head">
              <strong>{t('panel.upload')}</strong>
              <span>
                {progress.upload.done}
                {progress.upload.left ? <span className="sync-time-left"> · {progress.upload.left}</span> : null}
              </span>
            </div>
            <progress className="sync-progress" aria-label={t('panel.upload')} max={status.upload.total} value={status.upload.sent} />
            <p className="sync-note">{t('panel.uploadBody')}</p>
          </div>
        ) : null}

        <h2 className="sync-section-title">{t('panel.pendingTitle')}</h2>
        <PendingChangesList />
      </div>
    </section>
  );
}
