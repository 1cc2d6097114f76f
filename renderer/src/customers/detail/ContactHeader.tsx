import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ContactRowRecord } from '../../../../shared/contract';
import { SendEmailButton } from '../../marketing/email/SendEmailButton';
import { contactName } from '../forms/contact-form-schema';
import { initials } from './ContactsPanel';

type Props = { readonly contact: ContactRowRecord; readonly onEdit: () => void; readonly onDelete: () => void };

/** Name, role, the account they work at (a link) and how to reach them; Edit and Delete on the right. */
export function ContactHeader({ contact, onEdit, onDelete }: Props) {
  const { t } = useTranslation('customers-record');
  const name = contactName(contact);
  const facts = [contact.title, contact.department].filter(Boolean);
  return (
    <header className="rec-account-header rec-card">
      <span className="rec-avatar rec-avatar-large" aria-hidden="true">
        {initials(name)}
      </span>
      <div className="rec-account-heading">
        <h2 className="rec-account-name" data-testid="contact-name">
          {name}
        </h2>
        <div className="rec-account-badges">
          {contact.isPrimary ? <span className="badge rec-badge-primary">{t('contact.primary')}</span> : null}
          {contact.doNotContact ? <span className="badge badge-dnc">{t('contact.doNotContact')}</span> : null}
          {facts.length > 0 ? <span className="rec-contact-role">{facts.join(' · ')}</span> : null}
        </div>
        <p className="rec-contact-account" data-testid="contact-account">
          {contact.accountName === undefined ? (
            t('contactPage.accountGone')
          ) : (
            <>
              {t('contactPage.at')} <Link to={`/customers/accounts/${encodeURIComponent(contact.accountId)}`}>{contact.accountName}</Link>
            </>
          )}
        </p>
        <div className="rec-account-links">
          {contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : null}
          {contact.phone ? <a href={`tel:${contact.phone}`}>{contact.phone}</a> : null}
          {contact.mobile ? <a href={`tel:${contact.mobile}`}>{contact.mobile}</a> : null}
        </div>
      </div>
      <div className="rec-account-actions">
        <SendEmailButton contactId={contact.id} />
        <button type="button" className="button rec-button-ghost" onClick={onEdit} data-testid="edit-contact">
          {t('actions.edit')}
        </button>
        <button type="button" className="button rec-button-danger-ghost" onClick={onDelete} data-testid="delete-contact">
          {t('actions.delete')}
        </button>
      </div>
    </header>
  );
}
