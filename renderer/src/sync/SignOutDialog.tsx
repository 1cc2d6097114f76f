import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCrmClient } from '../transport/client-context';
import { useSync } from './sync-context';

/**
 * Sign-out, optionally wiping this device. Unsynced and refused changes are counted up front:
 * keeping the data keeps them (they sync at the next sign-in), wiping loses them for good, and the
 * confirm button says so in its own words rather than a generic "OK".
 */
export function SignOutDialog({ onClose }: { readonly onClose: () => void }) {
  const { t } = useTranslation('sync');
  const client = useCrmClient();
  const { status, refreshSession } = useSync();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [wipe, setWipe] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const unsynced = (status?.pendingChanges ?? 0) + (status?.rejectedChanges ?? 0);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const confirm = async (): Promise<void> => {
    setBusy(true);
    const result = await client.send('auth.signOut', { wipe });
    setBusy(false);
    if (!result.ok) {
      setFailed(result.error.message);
      return;
    }
    await refreshSession();
    onClose();
  };

  return (
    <dialog ref={ref} className="sync-dialog" aria-labelledby={`${id}-title`} onClose={onClose} data-testid="sign-out-dialog">
      <h2 id={`${id}-title`} className="sync-dialog-title">
        {t('signOut.title')}
      </h2>
      <p>{t('signOut.body')}</p>
      {unsynced > 0 ? (
        <div className={`sync-warning${wipe ? ' sync-warning-danger' : ''}`} role="alert" data-testid="sign-out-unsynced">
          <strong>{t('signOut.unsynced', { count: unsynced })}</strong> {wipe ? t('signOut.wipeWarning') : t('signOut.keepHint')}
        </div>
      ) : null}
      <label className="check-field">
        <input type="checkbox" checked={wipe} onChange={(event) => setWipe(event.target.checked)} data-testid="sign-out-wipe" />
        <span>
          {t('signOut.wipe')}
          <span className="field-hint">{t('signOut.wipeHint')}</span>
        </span>
      </label>
      {failed ? (
        <p className="form-error" role="alert">
          {t('errors.request')} <code className="sync-error-detail">{failed}</code>
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={() => ref.current?.close()} disabled={busy}>
          {t('signOut.cancel')}
        </button>
        <button
          type="button"
          className={`button${wipe ? ' button-danger' : ''}`}
          onClick={() => void confirm()}
          disabled={busy}
          data-testid="sign-out-confirm"
        >
          {wipe ? t('signOut.confirmWipe') : t('signOut.confirm')}
        </button>
      </div>
    </dialog>
  );
}
