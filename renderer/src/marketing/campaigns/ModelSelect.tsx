import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTRIBUTION_MODELS, type AttributionModel } from '../../../../shared/marketing/attribution';

/** The attribution model switch: which campaigns a won deal's revenue is credited to. */
export function ModelSelect({
  value,
  onChange,
  testId,
}: {
  readonly value: AttributionModel;
  readonly onChange: (model: AttributionModel) => void;
  readonly testId: string;
}) {
  const { t } = useTranslation('marketing-campaigns');
  const { t: tm } = useTranslation('marketing');
  const id = useId();
  return (
    <div className="rec-field campaign-filter">
      <label htmlFor={id} className="rec-field-label">
        {t('model.label')}
      </label>
      <select
        id={id}
        className="rec-input select"
        value={value}
        title={t('model.help')}
        onChange={(e) => onChange(e.target.value as AttributionModel)}
        data-testid={testId}
      >
        {ATTRIBUTION_MODELS.map((m) => (
          <option key={m} value={m}>
            {tm(`attributionModel.${m}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
