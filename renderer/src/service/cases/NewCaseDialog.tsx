import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CASE_CATEGORIES, CASE_CHANNELS, CASE_PRIORITIES, type Case } from '../../../../shared/schemas/cases';
import { Dialog } from '../../common/Dialog';
import { FieldShell } from '../../common/Field';
import { useToastStore } from '../../common/toast-store';
import { contactName } from '../../customers/forms/contact-form-schema';
import { useCrmClient } from '../../transport/client-context';
import { casePath } from './case-columns';
import { useAccountContacts } from './use-account-contacts';

type Props = {
  readonly accountId: string;
  readonly contactId?: string | undefined;
  /** Raised during this visit (an activity): the case remembers it and its channel is "visit". */
  readonly visitId?: string | undefined;
  readonly onClose: () => void;
};

/** A new case for an account (from its page, a contact's or a visit); opens the case when saved. */
export function NewCaseDialog({ accountId, contactId, visitId, onClose }: Props) {
  const { t } = useTranslation('service');
  const client = useCrmClient();
  const navigate = useNavigate();
  const show = useToastStore((state) => state.show);
  const contacts = useAccountContacts(accountId);
  const id = useId();
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState<Case['priority']>('medium');
  const [channel, setChannel] = useState<Case['channel']>(visitId ? 'visit' : 'phone');
  const [category, setCategory] = useState('');
  const [contact, setContact] = useState(contactId ?? '');
  const [assignee, setAssignee] = useState<'me' | 'unassigned'>('me');
  const [subjectError, setSubjectError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (subject.trim() === '') {
      setSubjectError(t('newCase.subjectRequired'));
      return;
    }
    setSaving(true);
    const answer = await client.send('cases.create', {
      values: {
        accountId,
        subject: subject.trim(),
        priority,
        channel,
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(category ? { category } : {}),
        ...(contact ? { contactId: contact } : {}),
        ...(visitId ? { visitId } : {}),
        ...(assignee === 'unassigned' ? { assigneeId: null } : {}),
      },
    });
    setSaving(false);
    if (!answer.ok) {
      setError(t('newCase.failed', { message: answer.error.message }));
      return;
    }
    show({ message: t('newCase.created', { number: answer.value.caseNumber }) });
    onClose();
    void navigate(casePath(answer.value.id));
  };

  return (
    <Dialog
      title={visitId ? t('newCase.titleVisit') : t('newCase.title')}
      onClose={onClose}
      testId="new-case-dialog"
      className="case-dialog"
    >
      <form className="rec-dialog-form" onSubmit={(event) => void submit(event)} noValidate>
        <FieldShell id={`${id}-subject`} label={t('fields.subject')} required error={subjectError ?? undefined}>
          <input
            id={`${id}-subject`}
            className="rec-input"
            value={subject}
            maxLength={200}
            autoFocus
            aria-required
            aria-invalid={subjectError ? true : undefined}
            aria-describedby={subjectError ? `${id}-subject-error` : undefined}
            onChange={(e) => {
              setSubject(e.target.value);
              setSubjectError(null);
            }}
          />
        </FieldShell>
        <FieldShell id={`${id}-description`} label={t('fields.description')}>
          <textarea
            id={`${id}-description`}
            className="rec-input rec-textarea"
            rows={3}
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
              {CASE_PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`priority.${p}`)}
                </option>
              ))}
            </select>
          </FieldShell>
          <FieldShell id={`${id}-channel`} label={t('fields.channel')}>
            <select
              id={`${id}-channel`}
              className="rec-input select"
              value={channel}
              onChange={(e) => setChannel(e.target.value as Case['channel'])}
            >
              {CASE_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`channel.${c}`)}
                </option>
              ))}
            </select>
          </FieldShell>
          <FieldShell id={`${id}-category`} label={t('fields.category')}>
            <select id={`${id}-category`} className="rec-input select" value={category} onChange={(e) => setCategory(e.target.value)}>
              <option value="">{t('case.noCategory')}</option>
              {CASE_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`category.${c}`)}
                </option>
              ))}
            </select>
          </FieldShell>
          <FieldShell id={`${id}-contact`} label={t('fields.contact')}>
            <select id={`${id}-contact`} className="rec-input select" value={contact} onChange={(e) => setContact(e.target.value)}>
              <option value="">{t('case.noContact')}</option>
              {contacts.map((c) => (
                <option key={c.id} value={c.id}>
                  {contactName(c)}
                </option>
              ))}
            </select>
          </FieldShell>
        </div>
        <fieldset className="rec-choice-group case-assignee-choice">
          <legend>{t('fields.assignee')}</legend>
          <label className="rec-choice">
            <input type="radio" name={`${id}-assignee`} checked={assignee === 'me'} onChange={() => setAssignee('me')} />
            {t('newCase.assignMe')}
          </label>
          <label className="rec-choice">
            <input type="radio" name={`${id}-assignee`} checked={assignee === 'unassigned'} onChange={() => setAssignee('unassigned')} />
            {t('newCase.assignTeam')}
          </label>
        </fieldset>
        {error ? (
          <p className="rec-banner rec-banner-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="rec-form-actions">
          <button type="button" className="button rec-button-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button" disabled={saving}>
            {t('newCase.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
