import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ContactRowRecord } from '../../../shared/contract';
import { ErrorState, LoadingState } from '../common/StateViews';
import { useLiveQuery } from '../data/use-live-query';
import { ContactServicePanel } from '../service/cases/ContactServicePanel';
import { useCrmClient } from '../transport/client-context';
import { ContactDetails } from './detail/ContactDetails';
import { ContactHeader } from './detail/ContactHeader';
import { DealsPanel } from './detail/DealsPanel';
import { deleteContactWithUndo } from './detail/record-actions';
import { Timeline } from './detail/Timeline';
import { ContactFormDialog } from './forms/ContactFormDialog';
import { contactName } from './forms/contact-form-schema';
import { MergedNotice, MergedRedirect, mergedInto } from './duplicates/MergedRedirect';
import './detail/record.css';

const TIMELINE_PAGE = 20;
const OPEN_PAGE = 4;

/** One person as a rep sees them before a call: where they work, what happened with them, their deals. */
export function ContactDetailPage() {
  const { t } = useTranslation('customers-record');
  const { id = '' } = useParams();
  const loaded = useLiveQuery('contacts.get', { id }, `contact:${id}`);

  if (loaded.status === 'loading') return <LoadingState />;
  if (loaded.status === 'error') {
    const survivorId = mergedInto(loaded.error);
    if (survivorId) return <MergedRedirect entity="contact" fromId={id} survivorId={survivorId} />;
    return (
      <div className="rec-scope rec-record-page">
        <Link to="/customers/contacts" className="back-link">
          ← {t('contactPage.back')}
        </Link>
        <ErrorState
          title={loaded.error.code === 'not_found' ? t('contactPage.notFound') : t('contactPage.loadFailed')}
          error={loaded.error}
        />
      </div>
    );
  }
  return <ContactPage key={loaded.result.id} contact={loaded.result} />;
}

/** The loaded page: its panels' live queries need the contact's account. */
function ContactPage({ contact }: { readonly contact: ContactRowRecord }) {
  const { t } = useTranslation('customers-record');
  const client = useCrmClient();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [historyLimit, setHistoryLimit] = useState(TIMELINE_PAGE);
  const [openLimit, setOpenLimit] = useState(OPEN_PAGE);
  const { id, accountId } = contact;

  const open = useLiveQuery('activities.list', { filter: { contactId: id, done: false }, limit: openLimit }, `open:${id}:${openLimit}`);
  const history = useLiveQuery(
    'accounts.timeline',
    { id: accountId, contactId: id, limit: historyLimit },
    `history:${accountId}:${id}:${historyLimit}`,
  );
  const account = { id: accountId, name: contact.accountName ?? '' };

  const remove = (): void => {
    // Undo runs after this page is gone; the hash is the router's own state.
    const reopen = (): void => {
      window.location.hash = `#/customers/contacts/${encodeURIComponent(id)}`;
    };
    void deleteContactWithUndo(client, t, contact, reopen).then((deleted) => {
      if (deleted) navigate('/customers/contacts');
    });
  };

  return (
    <article className="rec-scope rec-record-page" data-testid="contact-detail">
      <Link to="/customers/contacts" className="back-link">
        ← {t('contactPage.back')}
      </Link>
      <MergedNotice entity="contact" />
      <ContactHeader contact={contact} onEdit={() => setEditing(true)} onDelete={remove} />
      <div className="rec-account-columns">
        <Timeline
          accountId={accountId}
          contactId={id}
          open={open}
          history={history}
          contacts={[contact]}
          onMoreOpen={() => setOpenLimit((limit) => limit + TIMELINE_PAGE)}
          onMoreHistory={() => setHistoryLimit((limit) => limit + TIMELINE_PAGE)}
        />
        <div className="rec-account-side">
          <ContactServicePanel accountId={accountId} contactId={id} contactName={contactName(contact)} />
          <DealsPanel accountId={accountId} contactId={id} emptyBody={t('deals.emptyContact')} />
          <ContactDetails contact={contact} />
        </div>
      </div>
      {editing ? <ContactFormDialog account={account} contact={contact} onClose={() => setEditing(false)} /> : null}
    </article>
  );
}
