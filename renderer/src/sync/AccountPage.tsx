import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SignInForm } from './SignInForm';
import { SignOutDialog } from './SignOutDialog';
import './sync.css';
import { useSync } from './sync-context';

/** Settings › Account: sign in when working local-only, or who is signed in and sign-out. */
export function AccountPage() {
  const { t } = useTranslation('sync');
  const navigate = useNavigate();
  const { session } = useSync();
  const [signingOut, setSigningOut] = useState(false);

  return (
    <section className="page" aria-labelledby="account-title">
      <header className="page-header">
        <h1 id="account-title" className="page-title">
          {t('account.title')}
        </h1>
      </header>
      <div className="page-body sync-body">
        {session?.signedIn === false ? (
          <div className="sync-card account-card">
            <p className="sync-note">{t('account.localOnly')}</p>
            <SignInForm onSignedIn={() => void navigate('/sync')} />
          </div>
        ) : null}
        {session?.signedIn ? (
          <div className="sync-card account-card" data-testid="account-signed-in">
            <dl className="account-fields">
              <div>
                <dt>{t('account.email')}</dt>
                <dd>{session.user.email}</dd>
              </div>
              <div>
                <dt>{t('account.role')}</dt>
                <dd>{t(`account.roles.${session.user.role}`)}</dd>
              </div>
              <div>
                <dt>{t('account.server')}</dt>
                <dd>{session.serverUrl}</dd>
              </div>
            </dl>
            <div className="form-actions">
              <button type="button" className="button button-secondary" onClick={() => setSigningOut(true)} data-testid="sign-out">
                {t('signOut.button')}
              </button>
            </div>
          </div>
        ) : null}
        {signingOut ? <SignOutDialog onClose={() => setSigningOut(false)} /> : null}
      </div>
    </section>
  );
}
