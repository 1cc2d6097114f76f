import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccountRecord } from '../../../../shared/contract';
import { initials } from './ContactsPanel';

/** Name, status and the facts a rep checks before walking in; Edit and Delete on the right. */
export function AccountHeader({ account, onDelete }: { readonly account: AccountRecord; readonly onDelete: () => void }) {
  const { t } = useTranslation('customers-record');
  const place = [account.city, account.country].filter(Boolean).join(', ');
  const facts = [account.industry, place].filter(Boolean);
  return (
    <header className="rec-account-header rec-card">
      <span className="rec-avatar rec-avatar-large" aria-hidden="true">
        {initials(account.name)}
      </span>
      <div className="rec-account-heading">
        <h2 className="rec-account-name" data-testid="account-name">
          {account.name}
        </h2>
        <div className="rec-account-badges">
          <span className={`badge badge-${account.status}`}>{t(`options.status.${account.status}`)}</span>
          <span className="badge rec-badge-outline">{t(`options.tier.${account.tier}`)}</span>
          <span className="badge rec-badge-outline">{t(`options.region.${account.region}`)}</span>
          {facts.map((fact) => (
            <span key={fact} className="rec-account-fact">
              {fact}
            </span>
          ))}
        </div>
        <div className="rec-account-links">
          {account.phone ? <a href={`tel:${account.phone}`}>{account.phone}</a> : null}
          {account.email ? <a href={`mailto:${account.email}`}>{account.email}</a> : null}
          {account.website ? <span>{account.website}</span> : null}
        </div>
      </div>
      <div className="rec-account-actions">
        <Link
          to={`/customers/accounts/${encodeURIComponent(account.id)}/edit`}
          className="button rec-button-ghost"
          data-testid="edit-account"
        >
          {t('actions.edit')}
        </Link>
        <button type="button" className="button rec-button-danger-ghost" onClick={onDelete} data-testid="delete-account">
          {t('actions.delete')}
        </button>
      </div>
    </header>
  );
}
