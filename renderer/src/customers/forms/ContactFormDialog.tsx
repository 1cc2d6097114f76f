import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ContactRecord } from '../../../../shared/contract';
import { Dialog } from '../../common/Dialog';
import { CheckboxField, TextAreaField, TextField } from '../../common/Field';
import { FormFooter } from '../../common/FormFooter';
import { showToast } from '../../common/toast-store';
import { useCrmClient } from '../../transport/client-context';
import {
  contactChanges,
  contactFormSchema,
  contactName,
  contactToForm,
  CONTACT_MAX_LENGTHS,
  NEW_CONTACT,
  type ContactFormInput,
  type ContactFormOutput,
  type ContactTextField,
} from './contact-form-schema';
import { draftKey } from './draft-logic';
import { FormBanners } from './FormBanners';
import { resetKeepingEdits } from './reset-keeping-edits';
import { errorText, type FieldKind } from './form-schema-helpers';
import { useFormDraft } from './use-form-draft';
import { ContactDuplicateCheck } from '../duplicates/FormDuplicateCheck';

const resolver = zodResolver(contactFormSchema) as Resolver<ContactFormInput, unknown, ContactFormOutput>;

type Props = {
  readonly account: { readonly id: string; readonly name: string };
  /** null: a new contact at `account`. */
  readonly contact: ContactRecord | null;
  readonly onClose: () => void;
};

/** Add or edit a contact from the account page; the account is fixed (prefilled) for new ones. */
export function ContactFormDialog({ account, contact: initial, onClose }: Props) {
  const { t } = useTranslation('customers-record');
  const client = useCrmClient();
  const [contact, setContact] = useState(initial);
  const [baseline, setBaseline] = useState(() => (initial ? contactToForm(initial) : NEW_CONTACT));
  const [conflict, setConflict] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const form = useForm<ContactFormInput, unknown, ContactFormOutput>({ resolver, defaultValues: baseline, mode: 'onTouched' });
  const { register, handleSubmit, formState } = form;
  const draft = useFormDraft(form, draftKey('contacts', initial?.id ?? null, account.id), baseline);

  const reload = async (): Promise<void> => {
    if (!contact) return;
    const result = await client.send('contacts.get', { id: contact.id });
    if (!result.ok) return setSaveError(t('errors.saveFailed', { reason: result.error.message }));
    const next = contactToForm(result.value);
    setContact(result.value);
    setBaseline(next);
    resetKeepingEdits(form, next, formState.dirtyFields);
    setConflict(false);
    showToast({ message: t('conflict.reloaded') });
  };

  const submit = handleSubmit(async (values) => {
    setSaveError(null);
    if (contact) {
      const { patch, unset } = contactChanges(contact, values);
      const result = await client.send('contacts.update', { id: contact.id, patch, unset, expectedRevision: contact.revision });
      if (!result.ok) {
        if (result.error.code === 'conflict') setConflict(true);
        else setSaveError(t('errors.saveFailed', { reason: result.error.message }));
        return;
      }
      showToast({ message: t('contact.saved') });
    } else {
      const result = await client.send('contacts.create', { values: { ...values, accountId: account.id } });
      if (!result.ok) return setSaveError(t('errors.saveFailed', { reason: result.error.message }));
      showToast({ message: t('contact.created', { name: contactName(result.value) }) });
    }
    await draft.clear();
    onClose();
  });

  const cancel = async (): Promise<void> => {
    await draft.clear();
    onClose();
  };

  const text = (field: ContactTextField, kind: FieldKind = 'text', type?: 'email' | 'tel') => (
    <TextField
      label={t(`contact.fields.${field}`)}
      registration={register(field)}
      error={errorText(t, formState.errors[field], kind, CONTACT_MAX_LENGTHS[field])}
      maxLength={CONTACT_MAX_LENGTHS[field]}
      required={field === 'lastName'}
      type={type}
      autoFocus={field === 'firstName'}
    />
  );

  const title = contact ? t('contact.editTitle', { name: contactName(contact) }) : t('contact.newTitle', { account: account.name });
  return (
    <Dialog title={title} onClose={() => void cancel()} testId="contact-dialog">
      <form className="rec-dialog-form" onSubmit={(event) => void submit(event)} noValidate>
        <FormBanners draft={draft} conflict={conflict} onReload={() => void reload()} saveError={saveError} />
        <div className="rec-form-grid">
          {text('firstName')}
          {text('lastName')}
          {text('title')}
          {text('department')}
          {text('email', 'email', 'email')}
          {text('phone', 'text', 'tel')}
          {text('mobile', 'text', 'tel')}
        </div>
        {contact ? null : <ContactDuplicateCheck control={form.control} accountId={account.id} />}
        <div className="rec-form-checks">
          <CheckboxField label={t('contact.fields.isPrimary')} registration={register('isPrimary')} />
          <CheckboxField label={t('contact.fields.doNotContact')} registration={register('doNotContact')} />
        </div>
        <TextAreaField
          label={t('contact.fields.notes')}
          registration={register('notes')}
          error={errorText(t, formState.errors.notes, 'text', CONTACT_MAX_LENGTHS.notes)}
          maxLength={CONTACT_MAX_LENGTHS.notes}
          rows={3}
        />
        <FormFooter submitting={formState.isSubmitting} onCancel={() => void cancel()} />
      </form>
    </Dialog>
  );
}
