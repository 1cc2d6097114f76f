import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ContactRecord } from '../../../../shared/contract';
import { ErrorState } from '../../common/StateViews';
import { useCrmClient } from '../../transport/client-context';
import { ContactFormDialog } from '../forms/ContactFormDialog';
import { ActionIcon } from './ActivityIcon';
import { contactName } from '../forms/contact-form-schema';
import { deleteContactWithUndo } from './record-actions';
import type { LiveState } from '../../data/use-live-query';

type Props = {
  readonly account: { readonly id: string; readonly name: string };
  readonly contacts: LiveState<'contacts.list'>;
  /** Asks for a longer window when the account has more contacts than are shown; absent at the largest window. */
  readonly onMore: (() => void) | undefined;
};

/** The account's people: live list, add / edit in a dialog, delete with Undo. */
export function ContactsPanel({ account, contacts, onMore }: Props) {
  const { t } = useTranslation('customers-record');
  const client = useCrmClient();
  const [editing, setEditing] = useState<ContactRecord | 'new' | null>(null);
  const rows = contacts.status === 'ready' ? contacts.result.rows : [];

  return (
    <section className="rec-card rec-panel" aria-labelledby="contacts-title" data-testid="contacts-panel">
      <header className="rec-panel-header">
        <h3 id="contacts-title" className="rec-panel-title">
          {t('detail.contacts')}
          {contacts.status === 'ready' ? <span className="rec-count-pill">{contacts.result.total}</span> : null}
        </h3>
        <button type="button" className="button rec-button-small" onClick={() => setEditing('new')}>
          + {t('actions.addContact')}
        </button>
      </header>
      {contacts.status === 'loading' ? <div className="rec-panel-skeleton" aria-hidden="true" /> : null}
      {contacts.status === 'error' ? <ErrorState title={t('detail.contacts')} error={contacts.error} /> : null}
      {contacts.status === 'ready' && rows.length === 0 ? (
        <div className="rec-panel-empty">
          <strong>{t('detail.contactsEmpty')}</strong>
          <span>{t('detail.contactsEmptyBody')}</span>
        </div>
      ) : null}
      <ul className="rec-contact-list">
        {rows.map((contact) => {
          const name = contactName(contact);
          return (
            <li key={contact.id} className="rec-contact-row" data-testid="contact-row">
              <span className="rec-avatar rec-avatar-small" aria-hidden="true">
                {initials(name)}
              </span>
              <span className="rec-contact-main">
                <span className="rec-contact-name">
                  <Link to={`/customers/contacts/${encodeURIComponent(contact.id)}`} className="rec-contact-link">
                    {name}
                  </Link>
                  {contact.isPrimary ? <span className="badge rec-badge-primary">{t('contact.primary')}</span> : null}
                  {contact.doNotContact ? <span className="badge badge-dnc">{t('contact.doNotContact')}</span> : null}
                </span>
                <span className="rec-contact-meta">
                  {[contact.title, contact.phone ?? contact.mobile, contact.email].filter(Boolean).join(' · ')}
                </span>
              </span>
              <span className="rec-row-actions">
                <button
                  type="button"
                  className="rec-icon-button"
                  aria-label={t('contact.edit', { name })}
                  onClick={() => setEditing(contact as ContactRecord)}
                >
                  <ActionIcon action="edit" />
                </button>
                <button
                  type="button"
                  className="rec-icon-button rec-icon-danger"
                  aria-label={t('contact.delete', { name })}
                  onClick={() => void deleteContactWithUndo(client, t, contact as ContactRecord)}
                >
                  <ActionIcon action="delete" />
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      {onMore && contacts.status === 'ready' && rows.length < contacts.result.total ? (
        <button type="button" className="button rec-button-ghost rec-more-button" onClick={onMore}>
          {t('detail.more')}
        </button>
      ) : null}
      {editing ? (
        <ContactFormDialog account={account} contact={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </section>
  );
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  // CJK names: the family name's first character reads naturally.
  if (parts.length === 1) return [...(parts[0] ?? '')].slice(0, 2).join('').toUpperCase();
  return `${[...(parts[0] ?? '')][0] ?? ''}${[...(parts.at(-1) ?? '')][0] ?? ''}`.toUpperCase();
}
