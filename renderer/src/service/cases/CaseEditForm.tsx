import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_CATEGORIES, CASE_CHANNELS, CASE_PRIORITIES, type Case } from '../../../../shared/schemas/cases';
import type { CaseDetail } from '../../../../shared/contract/service/cases-requests';
import { FieldShell } from '../../common/Field';
import { showToast } from '../../common/toast-store';
import { contactName } from '../../customers/forms/contact-form-schema';
import { useCrmClient } from '../../transport/client-context';
import { refusalText } from './refusal';
import { useAccountContacts } from './use-account-contacts';

type Clearable = 'contactId' | 'description' | 'category';

/** Subject, description, priority, channel, category and contact of a case; emptied fields are cleared. */
export function CaseEditForm({ detail, onDone }: { readonly detail: CaseDetail; readonly onDone: () => void }) {
  const { t } = useTranslation('service');
  const client = useCrmClient();
  const contacts = useAccountContacts(detail.accountId);
  const id = useId();
  const [subject, setSubject] = useState(detail.subject);
  const [description, setDescription] = useState(detail.description ?? '');
  const [priority, setPriority] = useState<Case['priority']>(detail.priority);
  const [channel, setChannel] = useState<Case['channel']>(detail.channel);
  const [category, setCategory] = useState(detail.category ?? '');
  const [contact, setContact] = useState(detail.contactId ?? '');
  const [error, setError] = useState<string | null>(null);
  const categories: ReadonlyArray<string> =
    detail.category && !(CASE_CATEGORIES as ReadonlyArray<string>).includes(detail.category)
      ? [...CASE_CATEGORIES, detail.category]
      : CASE_CATEGORIES;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (subject.trim() === '') {
      setError(t('newCase.subjectRequired'));
      return;
    }
    const unset: Clearable[] = [];
    if (!description.trim() && detail.description) unset.push('description');
    if (!category && detail.category) unset.push('category');
    if (!contact && detail.contactId) unset.push('contactId');
    const answer = await client.send('cases.update', {
      id: detail.id,
      patch: {
        subject: subject.trim(),
        priority,
        channel,
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(category ? { category } : {}),
        ...(contact ? { contactId: contact } : {}),
      },
      ...(unset.length > 0 ? { unset } : {}),
      expectedRevision: detail.revision,
    });
    if (!answer.ok) {
      setError(refusalText(t, answer.error));
      return;
    }
    showToast({ message: t('case.saved') });
    onDone();
  };

  const options = (values: ReadonlyArray<string>, label: (v: string) => string) =>
    values.map((v) => (
      <option key={v} value={v}>
        {label(v)}
      </option>
    ));
  return (
    <form className="rec-dialog-form case-pad" onSubmit={(event) => void submit(event)} noValidate data-testid="case-edit-form">
      <FieldShell id={`${id}-subject`} label={t('fields.subject')} required>
        <input
          id={`${id}-subject`}
          className="rec-input"
          value={subject}
          maxLength={200}
          aria-required
          onChange={(e) => setSubject(e.target.value)}
        />
      </FieldShell>
      <FieldShell id={`${id}-description`} label={t('fields.description')}>
        <textarea
          id={`${id}-description`}
          className="rec-input rec-textarea"
          rows={4}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </FieldShell>
      <div className="case-form-grid">
        <FieldShell id={`${id}-priority`} label={t('fields.priority')}>
          <select
            id={`${id}-priority`}
            className="rec-input select"
            value={priority}
            onChange={(e) => setPriority(e.target.value as Case['priority'])}
          >
            {options(CASE_PRIORITIES, (v) => t(`priority.${v as Case['priority']}`))}
          </select>
        </FieldShell>
        <FieldShell id={`${id}-channel`} label={t('fields.channel')}>
          <select
            id={`${id}-channel`}
            className="rec-input select"
            value={channel}
            onChange={(e) => setChannel(e.target.value as Case['channel'])}
          >
            {options(CASE_CHANNELS, (v) => t(`channel.${v as Case['channel']}`))}
          </select>
        </FieldShell>
        <FieldShell id={`${id}-category`} label={t('fields.category')}>
          <select id={`${id}-category`} className="rec-input select" value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('case.noCategory')}</option>
            {options(categories, (v) =>
              (CASE_CATEGORIES as ReadonlyArray<string>).includes(v) ? t(`category.${v as (typeof CASE_CATEGORIES)[number]}`) : v,
            )}
          </select>
        </FieldShell>
        <FieldShell id={`${id}-contact`} label={t('fields.contact')}>
          <select id={`${id}-contact`} className="rec-input select" value={contact} onChange={(e) => setContact(e.target.value)}>
            <option value="">{t('case.noContact')}</option>
            {detail.contactId && !contacts.some((c) => c.id === detail.contactId) ? (
              <option value={detail.contactId}>{detail.contactName ?? detail.contactId}</option>
            ) : null}
            {contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {contactName(c)}
              </option>
            ))}
          </select>
        </FieldShell>
      </div>
      {error ? (
        <p className="rec-banner rec-banner-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="rec-form-actions">
        <button type="button" className="button rec-button-ghost" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button">
          {t('case.save')}
        </button>
      </div>
    </form>
  );
}
