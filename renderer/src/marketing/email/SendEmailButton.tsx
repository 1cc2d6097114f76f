import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../data/use-live-query';
import { ComposeDialog } from './ComposeDialog';
import '../../customers/detail/record.css';
import './email.css';

/**
 * "Send e-mail" on a contact or a deal: opens the compose dialog for a one-to-one follow-up. It is
 * disabled, with the reason beside it, when there is no contact, the contact has no address, or
 * the contact opted out of e-mail.
 */
export function SendEmailButton({ contactId, opportunityId }: { readonly contactId: string | undefined; readonly opportunityId?: string }) {
  if (!contactId) return <Refused reason="noContact" />;
  return <ForContact contactId={contactId} opportunityId={opportunityId} />;
}

function ForContact({ contactId, opportunityId }: { readonly contactId: string; readonly opportunityId: string | undefined }) {
  const { t } = useTranslation('marketing-email');
  const [open, setOpen] = useState(false);
  const contact = useLiveQuery('contacts.get', { id: contactId }, `send-email:${contactId}`);
  if (contact.status !== 'ready') return <Refused reason={contact.status === 'loading' ? 'loading' : 'noContact'} />;
  if (contact.result.doNotContact) return <Refused reason="optedOut" />;
  if (!contact.result.email) return <Refused reason="noEmail" />;
  return (
    <>
      <button type="button" className="button rec-button-ghost" onClick={() => setOpen(true)} data-testid="send-email">
        {t('sendButton.label')}
      </button>
      {open ? <ComposeDialog contactId={contactId} {...(opportunityId ? { opportunityId } : {})} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function Refused({ reason }: { readonly reason: 'noContact' | 'optedOut' | 'noEmail' | 'loading' }) {
  const { t } = useTranslation('marketing-email');
  const id = useId();
  return (
    <span className="em-send-refused">
      <button type="button" className="button rec-button-ghost" disabled aria-describedby={id} data-testid="send-email">
        {t('sendButton.label')}
      </button>
      {/* While the contact loads the button waits without a reason, so no sentence flashes past. */}
      {reason === 'loading' ? (
        <span id={id} className="visually-hidden">
          {t('sendButton.loading')}
        </span>
      ) : (
        <span id={id} className="em-muted em-small-text" data-testid="send-email-reason">
          {t(`sendButton.${reason}`)}
        </span>
      )}
    </span>
  );
}
