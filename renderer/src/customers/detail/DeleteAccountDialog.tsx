import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../common/Dialog';

type Props = {
  readonly name: string;
  readonly contactCount: number;
  readonly onConfirm: (contacts: 'keep' | 'delete') => void;
  readonly onClose: () => void;
};

/** Asks the one question that matters: what happens to the account's contacts. */
export function DeleteAccountDialog({ name, contactCount, onConfirm, onClose }: Props) {
  const { t } = useTranslation('customers-record');
  const [contacts, setContacts] = useState<'keep' | 'delete'>('keep');
  return (
    <Dialog title={t('deleteAccount.title', { name })} onClose={onClose} testId="delete-account-dialog">
      <p className="rec-dialog-body">{t('deleteAccount.body')}</p>
      {contactCount > 0 ? (
        <fieldset className="rec-choice-group">
          <legend>{t('deleteAccount.contactsQuestion', { count: contactCount })}</legend>
          {(['keep', 'delete'] as const).map((choice) => (
            <label key={choice} className="rec-choice">
              <input type="radio" name="contacts" value={choice} checked={contacts === choice} onChange={() => setContacts(choice)} />
              {choice === 'keep' ? t('deleteAccount.keep') : t('deleteAccount.deleteToo')}
            </label>
          ))}
        </fieldset>
      ) : null}
      <footer className="rec-form-actions">
        <button type="button" className="button rec-button-ghost" onClick={onClose}>
          {t('actions.cancel')}
        </button>
        <button type="button" className="button rec-button-danger" onClick={() => onConfirm(contacts)}>
          {t('deleteAccount.confirm')}
        </button>
      </footer>
    </Dialog>
  );
}
