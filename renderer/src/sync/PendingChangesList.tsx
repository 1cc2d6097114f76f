import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingChange } from '../../../shared/contract/sync/sync-types';
import { useFormatters } from '../i18n/use-formatters';
import { useCrmClient } from '../transport/client-context';
import { useSync } from './sync-context';

const LIMIT = 200;

type Loaded = { readonly changes: ReadonlyArray<PendingChange>; readonly total: number } | { readonly failed: true };

/**
 * `sync.pending`, re-read whenever the status counts move (a local write, a push, a refusal), so
 * rows leave the list as the server confirms them. Refused rows say why: the change is still on
 * this device and nothing else will tell the rep it never reached the company.
 */
export function PendingChangesList() {
  const { t } = useTranslation('sync');
  const format = useFormatters();
  const client = useCrmClient();
  const { status, session } = useSync();
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);
  const pending = status?.pendingChanges ?? 0;
  const refused = status?.rejectedChanges ?? 0;
  const state = status?.state;

  useEffect(() => {
    let current = true;
    void client.send('sync.pending', { limit: LIMIT }).then((result) => {
      if (current) setLoaded(result.ok ? result.value : { failed: true });
    });
    return () => {
      current = false;
    };
  }, [client, pending, refused, state]);

  if (!loaded) return null;
  if ('failed' in loaded) return <p className="sync-note sync-note-error">{t('panel.loadFailed')}</p>;
  const signedIn = session?.signedIn === true && state !== 'signed_out';
  if (loaded.changes.length === 0) {
    // "Reached the server" only when there is a server: signed out, nothing was sent anywhere.
    return signedIn && pending === 0 ? (
      <p className="sync-note" data-testid="pending-empty" data-scope="server">
        {t('panel.pendingEmpty')}
      </p>
    ) : (
      <p className="sync-note" data-testid="pending-empty" data-scope="local">
        {t('panel.pendingEmptyLocal')}
      </p>
    );
  }
  return (
    <>
      <table className="sync-table" data-testid="pending-list">
        <thead>
          <tr>
            <th scope="col">{t('panel.record')}</th>
            <th scope="col">{t('panel.type')}</th>
            <th scope="col">{t('panel.changed')}</th>
            <th scope="col">{t('panel.state')}</th>
          </tr>
        </thead>
        <tbody>
          {loaded.changes.map((change) => (
            <tr key={`${change.collection}/${change.id}`} className={change.error ? 'row-refused' : undefined} data-testid="pending-row">
              <td className="sync-record-title">
                {/* Records without a name of their own (campaign memberships, lines) come titled by their id. */}
                {change.title === change.id ? <span className="sync-untitled">{t('panel.untitled')}</span> : change.title}
              </td>
              <td>{t(`collections.${change.collection}`)}</td>
              <td className="numeric">{change.changedAt > 0 ? format.dateTime(change.changedAt) : t('conflicts.notSet')}</td>
              <td>
                {change.error ? (
                  <div className="sync-row-error" role="note">
                    <strong>{t('panel.refused')}</strong>
                    <span>{t(`errors.${change.error.code}`)}</span>
                    <code className="sync-error-detail">{change.error.message}</code>
                  </div>
                ) : (
                  <span className="sync-pill">
                    {change.deleted ? t('panel.deleted') : signedIn ? t('panel.waiting') : t('panel.waitingSignIn')}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {loaded.total > loaded.changes.length ? (
        <p className="sync-note">{t('panel.pendingMore', { shown: loaded.changes.length, total: loaded.total })}</p>
      ) : null}
    </>
  );
}
