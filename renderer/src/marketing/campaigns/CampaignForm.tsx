import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch, type FieldError, type Resolver, type UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CAMPAIGN_STATUSES, CAMPAIGN_TYPES } from '../../../../shared/schemas/marketing';
import { SelectField, TextAreaField, TextField } from '../../common/Field';
import { CAMPAIGN_DESCRIPTION_MAX, CAMPAIGN_NAME_MAX, campaignFormSchema, type CampaignFormValues } from './campaign-form-schema';

const resolver = zodResolver(campaignFormSchema) as Resolver<CampaignFormValues, unknown, CampaignFormValues>;

type Props = {
  readonly initial: CampaignFormValues;
  /** The currency is chosen once, when the campaign is created (money is never converted). */
  readonly currencyEditable: boolean;
  readonly submitLabel: string;
  readonly note?: string;
  /** Returns an error sentence to show, or null when saved. */
  readonly onSubmit: (values: CampaignFormValues) => Promise<string | null>;
  readonly onCancel: () => void;
};

/** Name, type, status, dates, money and description of a campaign; used to create one and to edit one. */
export function CampaignForm({ initial, currencyEditable, submitLabel, note, onSubmit, onCancel }: Props) {
  const { t } = useTranslation('marketing-campaigns');
  const { t: tm } = useTranslation('marketing');
  const [saveError, setSaveError] = useState<string | null>(null);
  const form = useForm<CampaignFormValues, unknown, CampaignFormValues>({ resolver, defaultValues: initial, mode: 'onTouched' });
  const { register, handleSubmit, formState, control } = form;
  const currency = useWatch({ control, name: 'currency' });

  const message = (error: FieldError | undefined, max?: number): string | undefined => {
    if (!error?.message) return undefined;
    const key = error.message.startsWith('validation.') ? error.message : 'validation.required';
    return t(key as 'validation.required', { max });
  };

  const submit = handleSubmit(async (values) => {
    setSaveError(null);
    setSaveError(await onSubmit(values));
  });

  const moneyField = (field: 'budget' | 'actualCost' | 'expectedRevenue') => (
    <TextField
      label={`${t(`fields.${field}`)} (${currency})`}
      registration={register(field)}
      error={message(formState.errors[field])}
      inputMode="decimal"
      maxLength={20}
      placeholder="0.00"
      required={field !== 'expectedRevenue'}
    />
  );

  return (
    <form className="rec-dialog-form campaign-form" onSubmit={(event) => void submit(event)} noValidate data-testid="campaign-form">
      {note ? <p className="campaign-form-note">{note}</p> : null}
      {saveError ? (
        <p className="rec-banner rec-banner-error" role="alert">
          {saveError}
        </p>
      ) : null}
      <TextField
        label={t('fields.name')}
        registration={register('name')}
        error={message(formState.errors.name, CAMPAIGN_NAME_MAX)}
        maxLength={CAMPAIGN_NAME_MAX}
        required
        autoFocus
      />
      <div className="rec-form-grid">
        <SelectField
          label={t('fields.type')}
          registration={register('type')}
          options={CAMPAIGN_TYPES.map((v) => ({ value: v, label: tm(`campaignType.${v}`) }))}
        />
        <SelectField
          label={t('fields.status')}
          registration={register('status')}
          options={CAMPAIGN_STATUSES.map((v) => ({ value: v, label: tm(`campaignStatus.${v}`) }))}
        />
        <DateField label={t('fields.startDate')} registration={register('startDate')} error={message(formState.errors.startDate)} />
        <DateField label={t('fields.endDate')} registration={register('endDate')} error={message(formState.errors.endDate)} />
        {currencyEditable ? (
          <TextField
            label={t('fields.currency')}
            registration={register('currency')}
            error={message(formState.errors.currency)}
            maxLength={3}
            required
          />
        ) : null}
        {moneyField('budget')}
        {moneyField('actualCost')}
        {moneyField('expectedRevenue')}
      </div>
      <TextAreaField
        label={t('fields.description')}
        registration={register('description')}
        error={message(formState.errors.description, CAMPAIGN_DESCRIPTION_MAX)}
        maxLength={CAMPAIGN_DESCRIPTION_MAX}
        rows={3}
      />
      <footer className="rec-form-actions">
        <button type="button" className="button rec-button-ghost" onClick={onCancel}>
          {t('form.cancel')}
        </button>
        <button type="submit" className="button" disabled={formState.isSubmitting} data-testid="campaign-form-submit">
          {formState.isSubmitting ? t('form.saving') : submitLabel}
        </button>
      </footer>
    </form>
  );
}

/** A native date input (the browser's picker, typed as YYYY-MM-DD underneath). */
function DateField({
  label,
  registration,
  error,
}: {
  readonly label: string;
  readonly registration: UseFormRegisterReturn;
  readonly error: string | undefined;
}) {
  const { name, ref, onChange, onBlur } = registration;
  const id = `campaign-${name}`;
  return (
    <div className={`rec-field${error ? ' rec-field-invalid' : ''}`}>
      <label htmlFor={id} className="rec-field-label">
        {label}
        <span className="rec-field-required" aria-hidden="true">
          {' '}
          *
        </span>
      </label>
      <input
        id={id}
        type="date"
        className="rec-input"
        name={name}
        ref={ref}
        onChange={onChange}
        onBlur={onBlur}
        aria-required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p id={`${id}-error`} className="rec-field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
