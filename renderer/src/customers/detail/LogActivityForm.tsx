import { zodResolver } from '@hookform/resolvers/zod';
import { format as formatDate } from 'date-fns';
import { useForm, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { ContactRecord } from '../../../../shared/contract';
import { activitySchema } from '../../../../shared/schemas';
import { SelectField, TextAreaField, TextField } from '../../common/Field';
import { FormFooter } from '../../common/FormFooter';
import { showToast } from '../../common/toast-store';
import { useCrmClient } from '../../transport/client-context';
import { contactName } from '../forms/contact-form-schema';
import { errorText, maxLengthOf, optionalText, requiredText } from '../forms/form-schema-helpers';

export type QuickType = 'call' | 'visit' | 'note';

type Input = { subject: string; description: string; dueAt: string; contactId: string };

const schema = z.object({
  subject: requiredText(activitySchema.shape.subject),
  description: optionalText(activitySchema.shape.description),
  // datetime-local gives local wall time ("2026-06-15T14:30"); Date reads it in the rep's zone.
  dueAt: z.preprocess(
    (value) => (typeof value === 'string' && value !== '' ? new Date(value).getTime() : undefined),
    activitySchema.shape.dueAt.unwrap(),
  ),
  contactId: optionalText(activitySchema.shape.contactId),
});
type Output = z.output<typeof schema>;
const resolver = zodResolver(schema) as Resolver<Input, unknown, Output>;
const SUBJECT_MAX = maxLengthOf(activitySchema.shape.subject);

const nowLocal = (): string => formatDate(new Date(), "yyyy-MM-dd'T'HH:mm");
/** Something logged for a time still ahead is a plan; anything else already happened. */
const happened = (at: number): boolean => at <= Date.now() + 60_000;

type Props = {
  readonly type: QuickType;
  readonly accountId: string;
  readonly contacts: ReadonlyArray<ContactRecord>;
  /** Preselected "with" (the contact page logs with its contact). */
  readonly contactId?: string | undefined;
  readonly onDone: () => void;
};

/** "Log a call / visit / note": subject, notes, when (defaults to now), optionally with whom. */
export function LogActivityForm({ type, accountId, contacts, contactId, onDone }: Props) {
  const { t } = useTranslation('customers-record');
  const client = useCrmClient();
  const { register, handleSubmit, formState, setError } = useForm<Input, unknown, Output>({
    resolver,
    defaultValues: { subject: '', description: '', dueAt: nowLocal(), contactId: contactId ?? '' },
  });

  const submit = handleSubmit(async (values) => {
    const done = happened(values.dueAt);
    const result = await client.send('activities.create', {
      values: { ...values, accountId, type, done, priority: 'normal' },
    });
    if (!result.ok) {
      setError('root', { message: t('errors.saveFailed', { reason: result.error.message }) });
      return;
    }
    showToast({ message: `${t(`activity.type.${type}`)} · ${t('activity.logged')}` });
    onDone();
  });

  return (
    <form
      className="rec-log-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={t(`activity.formTitle.${type}`)}
      data-testid="log-activity-form"
    >
      <div className="rec-log-form-grid">
        <TextField
          label={t('activity.fields.subject')}
          registration={register('subject')}
          error={errorText(t, formState.errors.subject, 'text', SUBJECT_MAX)}
          maxLength={SUBJECT_MAX}
          required
          autoFocus
        />
        <TextField
          label={t('activity.fields.dueAt')}
          type="datetime-local"
          registration={register('dueAt')}
          error={errorText(t, formState.errors.dueAt, 'date')}
        />
        {contacts.length > 0 ? (
          <SelectField
            label={t('activity.fields.contactId')}
            registration={register('contactId')}
            options={[
              { value: '', label: t('activity.noContact') },
              ...contacts.map((contact) => ({ value: contact.id, label: contactName(contact) })),
            ]}
          />
        ) : null}
      </div>
      <TextAreaField label={t('activity.fields.description')} registration={register('description')} rows={2} />
      {formState.errors.root?.message ? (
        <p className="rec-banner rec-banner-error" role="alert">
          {formState.errors.root.message}
        </p>
      ) : null}
      <FormFooter submitting={formState.isSubmitting} onCancel={onDone} />
    </form>
  );
}
