import type { ReactNode } from 'react';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_REGIONS, ACCOUNT_STATUSES, ACCOUNT_TIERS } from '../../../../shared/schemas';
import { SelectField, TextAreaField, TextField } from '../../common/Field';
import { ACCOUNT_MAX_LENGTHS, type AccountFormField, type AccountFormInput } from './account-form-schema';
import { errorText, type FieldKind } from './form-schema-helpers';

const CURRENCIES = ['EUR', 'USD', 'CNY', 'GBP', 'JPY', 'CHF', 'HKD', 'SGD', 'AUD', 'CAD', 'BRL', 'MXN', 'INR'] as const;

type Props = {
  readonly register: UseFormRegister<AccountFormInput>;
  readonly errors: FieldErrors<AccountFormInput>;
  /** Shown under the basics (the new-account form's duplicate warning, next to the name). */
  readonly afterBasics?: ReactNode;
};

/** The account form's fields in sections; validation messages come from errorText (i18n). */
export function AccountFields({ register, errors, afterBasics }: Props) {
  const { t } = useTranslation('customers-record');
  const text = (
    field: AccountFormField,
    kind: FieldKind = 'text',
    extra: { type?: 'email' | 'tel' | 'url'; autoFocus?: boolean; required?: boolean } = {},
  ) => (
    <TextField
      label={t(`account.fields.${field}`)}
      registration={register(field)}
      error={errorText(t, errors[field], kind, ACCOUNT_MAX_LENGTHS[field])}
      maxLength={ACCOUNT_MAX_LENGTHS[field]}
      type={extra.type}
      autoFocus={extra.autoFocus}
      required={extra.required}
      inputMode={kind === 'number' ? 'decimal' : kind === 'integer' ? 'numeric' : undefined}
    />
  );
  const choice = (field: 'status' | 'tier' | 'region', values: ReadonlyArray<string>) => (
    <SelectField
      label={t(`account.fields.${field}`)}
      registration={register(field)}
      error={errorText(t, errors[field], 'choice')}
      options={values.map((value) => ({ value, label: t(`options.${field}.${value}` as 'options.status.active') }))}
    />
  );

  return (
    <>
      <fieldset className="rec-form-section">
        <legend>{t('account.sections.basics')}</legend>
        <div className="rec-form-grid">
          {text('name', 'text', { autoFocus: true, required: true })}
          {choice('status', ACCOUNT_STATUSES)}
          {choice('tier', ACCOUNT_TIERS)}
          {choice('region', ACCOUNT_REGIONS)}
          {text('industry')}
          <TextField
            label={t('account.fields.currency')}
            registration={register('currency')}
            error={errorText(t, errors.currency, 'currency')}
            maxLength={3}
            required
            placeholder={CURRENCIES.slice(0, 3).join(', ')}
          />
        </div>
        {afterBasics}
      </fieldset>
      <fieldset className="rec-form-section">
        <legend>{t('account.sections.contact')}</legend>
        <div className="rec-form-grid">
          {text('phone', 'text', { type: 'tel' })}
          {text('email', 'email', { type: 'email' })}
          {text('website', 'text', { type: 'url' })}
        </div>
      </fieldset>
      <fieldset className="rec-form-section">
        <legend>{t('account.sections.address')}</legend>
        <div className="rec-form-grid">
          {text('street')}
          {text('city')}
          {text('postalCode')}
          {text('state')}
          {text('country')}
        </div>
      </fieldset>
      <fieldset className="rec-form-section">
        <legend>{t('account.sections.business')}</legend>
        <div className="rec-form-grid">
          {text('annualRevenue', 'number')}
          {text('employees', 'integer')}
        </div>
      </fieldset>
      <fieldset className="rec-form-section">
        <legend>{t('account.sections.notes')}</legend>
        <TextAreaField
          label={t('account.fields.notes')}
          registration={register('notes')}
          error={errorText(t, errors.notes, 'text', ACCOUNT_MAX_LENGTHS.notes)}
          maxLength={ACCOUNT_MAX_LENGTHS.notes}
          rows={4}
        />
      </fieldset>
    </>
  );
}
