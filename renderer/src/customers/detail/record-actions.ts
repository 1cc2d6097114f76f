import type { TFunction } from 'i18next';
import type { AccountRecord, ContactRecord } from '../../../../shared/contract';
import { showToast } from '../../common/toast-store';
import type { CrmClient } from '../../transport/crm-client';
import { contactName } from '../forms/contact-form-schema';

/**
 * Deletes go through at once (soft delete in the core) and an Undo toast restores them; asking
 * "are you sure?" for every contact would train reps to click through dialogs. `onRestored` runs
 * after an Undo (the contact page uses it to reopen the contact it left); resolves to whether the
 * contact was deleted.
 */
export async function deleteContactWithUndo(
  client: CrmClient,
  t: TFunction<'customers-record'>,
  contact: ContactRecord,
  onRestored?: () => void,
): Promise<boolean> {
  const name = contactName(contact);
  const result = await client.send('contacts.delete', { id: contact.id });
  if (!result.ok) {
    showToast({ tone: 'error', message: t('errors.deleteFailed', { reason: result.error.message }) });
    return false;
  }
  showToast({
    message: t('contact.deleted', { name }),
    action: {
      label: t('actions.undo'),
      run: () =>
        void client.send('contacts.restore', { id: contact.id }).then((restored) => {
          if (!restored.ok) showToast({ tone: 'error', message: t('errors.undoFailed', { reason: restored.error.message }) });
          else onRestored?.();
        }),
    },
  });
  return true;
}

/** Deletes the account (and its contacts when asked); Undo brings back both and reopens the account. */
export async function deleteAccountWithUndo(
  client: CrmClient,
  t: TFunction<'customers-record'>,
  account: AccountRecord,
  contacts: 'keep' | 'delete',
): Promise<boolean> {
  const result = await client.send('accounts.delete', { id: account.id, contacts });
  if (!result.ok) {
    showToast({ tone: 'error', message: t('errors.deleteFailed', { reason: result.error.message }) });
    return false;
  }
  const { contactIds } = result.value;
  const message =
    contactIds.length > 0
      ? t('account.deletedWithContacts', { name: account.name, count: contactIds.length })
      : t('account.deleted', { name: account.name });
  showToast({
    message,
    action: {
      label: t('actions.undo'),
      run: () =>
        void client.send('accounts.restore', { id: account.id, contactIds: [...contactIds] }).then((restored) => {
          if (!restored.ok) {
            showToast({ tone: 'error', message: t('errors.undoFailed', { reason: restored.error.message }) });
            return;
          }
          showToast({ message: t('account.restored', { name: account.name }) });
          // The page that deleted is gone by now; the hash is the router's own state.
          window.location.hash = `#/customers/accounts/${encodeURIComponent(account.id)}`;
        }),
    },
  });
  return true;
}
