import { useTranslation } from 'react-i18next';
import { DEFAULT_ATTRIBUTION_MODEL } from '../../../../shared/contract/marketing/marketing-dashboard-requests';
import { ATTRIBUTION_MODELS, type AttributionModel } from '../../../../shared/marketing/attribution';
import { CAMPAIGN_TYPES } from '../../../../shared/schemas/marketing';
import { FilterSelect, useReportFilterOptions } from '../../reports/FilterSelect';
import { MARKETING_PERIODS, type MarketingFilterState, type MarketingPeriod } from './marketing-filters';

type SelectField = 'ownerId' | 'teamId' | 'campaignType' | 'currency';

/** Owner, team, campaign type, period and currency like the other dashboards, plus the attribution model. */
export function MarketingFilterBar({
  value,
  currencies,
  onChange,
}: {
  readonly value: MarketingFilterState;
  readonly currencies: ReadonlyArray<string>;
  readonly onChange: (next: MarketingFilterState) => void;
}) {
  const { t } = useTranslation('marketing-dashboard');
  const { t: tm } = useTranslation('marketing');
  const options = useReportFilterOptions();
  const select = (field: SelectField, label: string, items: ReadonlyArray<{ id: string; label: string }>, allLabel = t('filters.all')) => (
    <FilterSelect
      label={label}
      allLabel={allLabel}
      value={value[field]}
      items={items}
      testId={`marketing-filter-${field}`}
      onChange={(next) => onChange({ ...value, [field]: next === '' ? undefined : next })}
    />
  );
  const model = value.model ?? DEFAULT_ATTRIBUTION_MODEL;
  return (
    <div className="dashboard-filters" role="group" aria-label={t('filters.label')}>
      {select('ownerId', t('filters.owner'), options?.owners ?? [])}
      {select('teamId', t('filters.team'), options?.teams ?? [])}
      {select(
        'campaignType',
        t('filters.campaignType'),
        CAMPAIGN_TYPES.map((type) => ({ id: type, label: tm(`campaignType.${type}`) })),
      )}
      <label className="filter-field">
        <span>{t('filters.period')}</span>
        <select
          value={value.period}
          onChange={(event) => onChange({ ...value, period: event.target.value as MarketingPeriod })}
          data-testid="marketing-filter-period"
        >
          {MARKETING_PERIODS.map((period) => (
            <option key={period} value={period}>
              {t(`filters.periods.${period}`)}
            </option>
          ))}
        </select>
      </label>
      {select(
        'currency',
        t('filters.currency'),
        currencies.map((currency) => ({ id: currency, label: currency })),
        t('filters.mainCurrency'),
      )}
      <fieldset className="attribution-switch" data-testid="attribution-switch">
        <legend>{t('filters.model')}</legend>
        {ATTRIBUTION_MODELS.map((m) => (
          <label key={m} className={m === model ? 'attribution-option selected' : 'attribution-option'}>
            <input
              type="radio"
              name="attribution-model"
              value={m}
              checked={m === model}
              onChange={() => onChange({ ...value, model: m as AttributionModel })}
              data-testid={`attribution-${m}`}
            />
            {tm(`attributionModel.${m}`)}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
