import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Lead } from '../../../../shared/schemas';
import { useToastStore } from '../../common/toast-store';
import { CampaignPicker } from '../../marketing/campaigns/CampaignPicker';
import { useSend } from '../use-request';
import { LeadSourceRatingFields } from './LeadSourceRatingFields';

const EMPTY = {
  firstName: '',
  lastName: '',
  company: '',
  email: '',
  phone: '',
  source: 'web' as Lead['source'],
  rating: '' as '' | NonNullable<Lead['rating']>,
  campaignId: '',
};

/** Fast enough to type between two meetings: last name is the only required field. */
export function LeadCaptureForm() {
  const { t } = useTranslation('leads');
  const send = useSend();
  const show = useToastStore((state) => state.show);
  const [values, setValues] = useState(EMPTY);
  const [error, setError] = useState('');
  const set = (field: keyof typeof EMPTY) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));
  const text = (field: 'firstName' | 'lastName' | 'company' | 'email' | 'phone', type = 'text') => (
    <label className="rec-field">
      <span className="rec-field-label">{t(`fields.${field}`)}</span>
      <input className="rec-input" type={type} name={field} value={values[field]} maxLength={80} onChange={set(field)} />
    </label>
  );

  return (
    <form
      className="sales-form"
      aria-label={t('capture.title')}
      onSubmit={async (event) => {
        event.preventDefault();
        if (!values.lastName.trim()) return setError(t('capture.needsLastName'));
        setError('');
        const optional = (value: string) => (value.trim() ? value.trim() : undefined);
        const created = await send(
          'leads.create',
          {
            values: {
              lastName: values.lastName.trim(),
              firstName: optional(values.firstName),
              company: optional(values.company),
              email: optional(values.email),
              phone: optional(values.phone),
              source: values.source,
              rating: values.rating || undefined,
              campaignId: values.campaignId || undefined,
              status: 'new',
            },
          },
          (message) => t('failed', { message }),
        );
        if (!created) return;
        show({ message: t('capture.added', { name: [created.firstName, created.lastName].filter(Boolean).join(' ') }) });
        // The list is live: the new lead shows there without a reload.
        setValues(EMPTY);
      }}
    >
      <h2>{t('capture.title')}</h2>
      <div className="sales-row">
        {text('firstName')}
        {text('lastName')}
      </div>
      {error ? (
        <p className="rec-field-error" role="alert">
          {error}
        </p>
      ) : null}
      {text('company')}
      {text('email', 'email')}
      {text('phone', 'tel')}
      <div className="sales-row">
        <LeadSourceRatingFields values={values} onChange={set} />
      </div>
      <CampaignPicker
        value={values.campaignId}
        onChange={(campaignId) => setValues((v) => ({ ...v, campaignId }))}
        testId="lead-campaign"
      />
      <div className="sales-actions">
        <button type="submit" className="button">
          {t('capture.add')}
        </button>
      </div>
    </form>
  );
}
