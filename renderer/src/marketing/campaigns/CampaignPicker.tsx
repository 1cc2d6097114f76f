import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../data/use-live-query';
import { useFormatters } from '../../i18n/use-formatters';

/**
 * "Source campaign" for lead capture and deals: every campaign on this device, newest first, or none.
 * A campaign this device does not hold (out of scope) stays selectable by its id, so saving never drops it.
 */
export function CampaignPicker({
  value,
  onChange,
  testId,
}: {
  /** A campaign id, or '' for none. */
  readonly value: string;
  readonly onChange: (campaignId: string) => void;
  readonly testId?: string;
}) {
  const { t } = useTranslation('marketing-campaigns');
  const format = useFormatters();
  const id = useId();
  const options = useLiveQuery('campaigns.options', {}, 'campaign-options');
  const rows = options.status === 'ready' ? options.result : [];
  const known = value === '' || rows.some((o) => o.id === value);
  return (
    <div className="rec-field">
      <label htmlFor={id} className="rec-field-label">
        {t('picker.label')}
      </label>
      <select
        id={id}
        name="campaignId"
        className="rec-input select"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={options.status === 'error' ? `${id}-error` : undefined}
        data-testid={testId}
      >
        <option value="">{t('picker.none')}</option>
        {known ? null : <option value={value}>{value}</option>}
        {rows.map((o) => (
          <option key={o.id} value={o.id}>
            {t('picker.option', { name: o.name, date: format.day(o.startDate) })}
          </option>
        ))}
      </select>
      {options.status === 'error' ? (
        <p id={`${id}-error`} className="rec-field-error">
          {t('picker.failed')}
        </p>
      ) : null}
    </div>
  );
}
