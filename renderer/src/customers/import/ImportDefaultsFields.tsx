import { useTranslation } from 'react-i18next';
import { IMPORT_CURRENCIES, type ImportDefaults, type ImportField } from '../../../../shared/contract/customers/import-requests';
import { ACCOUNT_REGIONS, ACCOUNT_STATUSES, ACCOUNT_TIERS } from '../../../../shared/schemas/accounts';
import { fieldLabel } from './import-text';
import './import.css';

type ImportDefaultsFieldsProps = {
  readonly defaults: ImportDefaults;
  readonly mapping: ReadonlyArray<ImportField | null>;
  readonly onChange: (defaults: ImportDefaults) => void;
};

const CURRENCIES = [...IMPORT_CURRENCIES].sort();

/**
 * Accounts: what a row gets where the file has no column for a required field or leaves the cell
 * empty. Status, tier and currency start at the values the core used all along, now visible and
 * changeable. Region starts empty: the app cannot know the rep's territory, and a wrong guess would
 * misfile every row, so a file without a region column waits until the user picks one.
 */
export function ImportDefaultsFields({ defaults, mapping, onChange }: ImportDefaultsFieldsProps) {
  const { t, i18n } = useTranslation('customers-list');
  const { t: tc } = useTranslation();
  const regionNeeded = !mapping.includes('region') && defaults.region === undefined;
  const currencyNames = new Intl.DisplayNames([i18n.language], { type: 'currency', fallback: 'code' });
  const set = <K extends keyof ImportDefaults>(key: K, value: ImportDefaults[K] | ''): void => {
    const next = { ...defaults };
    if (value === '') delete next[key];
    else next[key] = value;
    onChange(next);
  };

  return (
    <fieldset className="import-defaults" data-testid="import-defaults">
      <legend>{t('import.defaultsTitle')}</legend>
      <p className="muted import-defaults-help">{t('import.defaultsHelp')}</p>
      <div className="import-defaults-grid">
        <label className="import-default">
          <span className="import-default-label">{fieldLabel(t, 'region')}</span>
          <select
            className="select"
            value={defaults.region ?? ''}
            onChange={(event) => set('region', event.target.value as ImportDefaults['region'] | '')}
            aria-invalid={regionNeeded ? true : undefined}
            aria-describedby={regionNeeded ? 'import-region-needed' : undefined}
            data-testid="import-default-region"
          >
            <option value="">{mapping.includes('region') ? t('import.defaultNone') : t('import.defaultChoose')}</option>
            {ACCOUNT_REGIONS.map((region) => (
              <option key={region} value={region}>
                {tc(`accounts.region.${region}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="import-default">
          <span className="import-default-label">{fieldLabel(t, 'status')}</span>
          <select
            className="select"
            value={defaults.status ?? ''}
            onChange={(event) => set('status', event.target.value as ImportDefaults['status'] | '')}
            data-testid="import-default-status"
          >
            {ACCOUNT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {tc(`accounts.status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="import-default">
          <span className="import-default-label">{fieldLabel(t, 'tier')}</span>
          <select
            className="select"
            value={defaults.tier ?? ''}
            onChange={(event) => set('tier', event.target.value as ImportDefaults['tier'] | '')}
            data-testid="import-default-tier"
          >
            {ACCOUNT_TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {tc(`accounts.tier.${tier}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="import-default">
          <span className="import-default-label">{fieldLabel(t, 'currency')}</span>
          <select
            className="select"
            value={defaults.currency ?? ''}
            onChange={(event) => set('currency', event.target.value)}
            data-testid="import-default-currency"
          >
            {CURRENCIES.map((code) => (
              <option key={code} value={code}>
                {code} · {currencyNames.of(code)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {regionNeeded ? (
        <p id="import-region-needed" className="form-error import-defaults-needed" role="status">
          {t('import.regionNeeded')}
        </p>
      ) : null}
    </fieldset>
  );
}
