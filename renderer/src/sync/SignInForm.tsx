import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncError } from '../../../shared/contract/sync/sync-types';
import { useCrmClient } from '../transport/client-context';
import { normalizeServerUrl, rememberedServerUrl, rememberServerUrl } from './server-url-memory';
import { useSync } from './sync-context';

/** `key` is translated when shown, so the message follows a language switch. */
type FormError = { readonly key: 'request' | SyncError['code']; readonly code: string; readonly detail?: string };

/** Failures about the address itself: shown next to the address field, which is marked invalid. */
const URL_CODES: ReadonlySet<string> = new Set(['bad_url', 'insecure_url']);

/**
 * Server address (remembered), email, password. Each expected failure gets its own sentence:
 * wrong password, server unreachable, app too old (426) — the rep must know whether to retype,
 * find a network or update.
 */
export function SignInForm({ onSignedIn }: { readonly onSignedIn: () => void }) {
  const { t } = useTranslation('sync');
  const client = useCrmClient();
  const { refreshSession } = useSync();
  const id = useId();
  const [serverUrl, setServerUrl] = useState(rememberedServerUrl);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | undefined>(undefined);

  // The core's message adds facts for network and server trouble; for a wrong password or a refused
  // address it only repeats ours (in English), so the translated sentence stands alone.
  const syncError = (e: SyncError): FormError => ({
    key: e.code,
    code: e.code,
    ...(e.code === 'invalid_credentials' || URL_CODES.has(e.code) ? {} : { detail: e.message }),
  });
  const urlError = error && URL_CODES.has(error.code) ? error : undefined;
  const formError = error && !urlError ? error : undefined;

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const url = normalizeServerUrl(serverUrl);
    if (!url) {
      setError({ key: 'bad_url', code: 'bad_url' });
      return;
    }
    setBusy(true);
    setError(undefined);
    const result = await client.send('auth.signIn', { serverUrl: url, email: email.trim(), password });
    setBusy(false);
    if (!result.ok) {
      setError({ key: 'request', code: result.error.code, detail: result.error.message });
      return;
    }
    if (!result.value.signedIn) {
      setError(syncError(result.value.error));
      return;
    }
    rememberServerUrl(url);
    setPassword('');
    await refreshSession();
    onSignedIn();
  };

  return (
    <form
      className="sign-in-form"
      onSubmit={(event) => void submit(event)}
      aria-labelledby={`${id}-title`}
      data-testid="sign-in-form"
      noValidate
    >
      <h2 id={`${id}-title`} className="sync-section-title">
        {t('signIn.title')}
      </h2>
      <label className="field">
        <span className="field-label">{t('signIn.serverUrl')}</span>
        <input
          type="url"
          name="serverUrl"
          value={serverUrl}
          onChange={(event) => setServerUrl(event.target.value)}
          autoComplete="url"
          inputMode="url"
          spellCheck={false}
          required
          aria-invalid={urlError ? true : undefined}
          aria-describedby={urlError ? `${id}-url-error ${id}-hint` : `${id}-hint`}
        />
        {urlError ? (
          <span id={`${id}-url-error`} className="field-error" role="alert" data-testid="sign-in-url-error" data-code={urlError.code}>
            {t(`errors.${urlError.key}`)}
          </span>
        ) : null}
        <span id={`${id}-hint`} className="field-hint">
          {t('signIn.serverUrlHint')}
        </span>
      </label>
      <label className="field">
        <span className="field-label">{t('signIn.email')}</span>
        <input
          type="email"
          name="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          autoComplete="username"
          spellCheck={false}
          required
        />
      </label>
      <label className="field">
        <span className="field-label">{t('signIn.password')}</span>
        <input
          type="password"
          name="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          autoComplete="current-password"
          required
        />
      </label>
      {formError ? (
        <div className="form-error" role="alert" data-testid="sign-in-error" data-code={formError.code}>
          <p>{t(`errors.${formError.key}`)}</p>
          {formError.detail ? <code className="sync-error-detail">{formError.detail}</code> : null}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy || !serverUrl.trim() || !email.trim() || !password}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </div>
    </form>
  );
}
