import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHURN_RISK_VALUES,
  CLV_BANDS,
  EMPLOYEE_BANDS,
  fieldAppliesTo,
  SEGMENT_FIELDS,
  type SegmentField,
  type SegmentTarget,
} from '../../../../shared/marketing/segment-conditions';
import { RFM_SEGMENTS } from '../../../../shared/contract/insight/insight-requests';
import { ACCOUNT_REGIONS, ACCOUNT_STATUSES, ACCOUNT_TIERS } from '../../../../shared/schemas/accounts';
import { LEAD_STATUSES } from '../../../../shared/schemas/leads';
import { newCondition, OPERATORS, type DraftCondition } from './segment-draft';
import { enumLabel, fieldLabel } from './segment-words';

export type PickerOption = { readonly id: string; readonly label: string };
export type ConditionOptions = {
  readonly industries: ReadonlyArray<string>;
  readonly products: ReadonlyArray<PickerOption>;
  readonly campaigns: ReadonlyArray<PickerOption>;
};

const DEMOGRAPHIC: ReadonlyArray<SegmentField> = ['industry', 'region', 'tier', 'country', 'language', 'status', 'size', 'annualRevenue'];
const CURRENCIES = ['USD', 'EUR', 'CNY', 'GBP', 'JPY', 'HKD', 'SGD', 'CHF', 'AUD', 'CAD'];

function enumValues(field: SegmentField, target: SegmentTarget): ReadonlyArray<string> | null {
  switch (field) {
    case 'region':
      return ACCOUNT_REGIONS;
    case 'tier':
      return ACCOUNT_TIERS;
    case 'status':
      return target === 'leads' ? LEAD_STATUSES : ACCOUNT_STATUSES;
    case 'size':
      return EMPLOYEE_BANDS;
    case 'rfmSegment':
      return RFM_SEGMENTS;
    case 'clvBand':
      return CLV_BANDS;
    case 'churnRisk':
      return CHURN_RISK_VALUES;
    default:
      return null;
  }
}

/** One condition: field, operator and a value input suited to the field. */
export function ConditionRow({
  condition,
  number,
  target,
  options,
  onChange,
  onRemove,
}: {
  readonly condition: DraftCondition;
  readonly number: number;
  readonly target: SegmentTarget;
  readonly options: ConditionOptions;
  readonly onChange: (next: DraftCondition) => void;
  readonly onRemove: () => void;
}) {
  const { t } = useTranslation('marketing-segments');
  const id = useId();
  const n = { n: number };
  const subject =
    target === 'contacts' && !['country', 'language', 'lastActivity', 'campaignResponse'].includes(condition.field) ? 'account' : 'record';
  const fields = SEGMENT_FIELDS.filter((f) => fieldAppliesTo(f, target));
  const ops = OPERATORS[condition.field];
  const set = (patch: Partial<DraftCondition>) => onChange({ ...condition, ...patch });
  const enums = enumValues(condition.field, target);

  const multiSelect = (label: string, choices: ReadonlyArray<PickerOption>, empty: string, testId: string) =>
    choices.length === 0 ? (
      <p className="seg-hint">{empty}</p>
    ) : (
      <>
        <select
          multiple
          aria-label={label}
          aria-describedby={`${id}-multi`}
          className="rec-input seg-multi"
          size={Math.min(5, Math.max(3, choices.length))}
          value={[...condition.values]}
          onChange={(event) => set({ values: [...event.target.selectedOptions].map((o) => o.value) })}
          data-testid={testId}
        >
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        <span id={`${id}-multi`} className="seg-hint">
          {t('inputs.multiHint')}
        </span>
      </>
    );

  let editor: ReactNode;
  if (enums) {
    editor = (
      <fieldset className="seg-chips">
        <legend className="visually-hidden">{t('inputs.values', n)}</legend>
        {enums.map((value) => {
          const checked = condition.values.includes(value);
          return (
            <label key={value} className={checked ? 'seg-chip seg-chip-on' : 'seg-chip'}>
              <input
                type="checkbox"
                checked={checked}
                onChange={() => set({ values: checked ? condition.values.filter((v) => v !== value) : [...condition.values, value] })}
                data-testid={`segment-value-${value}`}
              />
              {enumLabel(t, condition.field, value)}
            </label>
          );
        })}
      </fieldset>
    );
  } else if (condition.field === 'industry') {
    const known = new Set(options.industries);
    const choices = [...options.industries, ...condition.values.filter((v) => !known.has(v))].map((v) => ({ id: v, label: v }));
    editor = multiSelect(t('inputs.industries', n), choices, t('inputs.noIndustries'), 'segment-industries');
  } else if (condition.field === 'country' || condition.field === 'language') {
    editor = (
      <input
        type="text"
        className="rec-input seg-text"
        aria-label={t('inputs.textValues', n)}
        placeholder={t(condition.field === 'country' ? 'inputs.countriesPlaceholder' : 'inputs.languagesPlaceholder')}
        value={condition.text}
        maxLength={400}
        onChange={(event) => set({ text: event.target.value })}
        data-testid="segment-text"
      />
    );
  } else if (condition.field === 'annualRevenue') {
    editor = (
      <span className="seg-inline">
        <input
          type="number"
          min={0}
          inputMode="decimal"
          className="rec-input seg-number"
          aria-label={t('inputs.min', n)}
          value={condition.min}
          onChange={(event) => set({ min: event.target.value })}
        />
        <span aria-hidden="true">{t('inputs.and')}</span>
        <input
          type="number"
          min={0}
          inputMode="decimal"
          className="rec-input seg-number"
          aria-label={t('inputs.max', n)}
          value={condition.max}
          onChange={(event) => set({ max: event.target.value })}
        />
        <select
          className="rec-input select seg-currency"
          aria-label={t('inputs.currency', n)}
          value={condition.currency}
          onChange={(event) => set({ currency: event.target.value })}
        >
          {[...new Set([...CURRENCIES, condition.currency])].map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </span>
    );
  } else if (condition.field === 'lastActivity') {
    editor = (
      <span className="seg-inline">
        <input
          type="number"
          min={0}
          max={3650}
          step={1}
          className="rec-input seg-number"
          aria-label={t('inputs.days', n)}
          value={condition.days}
          onChange={(event) => set({ days: event.target.value })}
          data-testid="segment-days"
        />
        <span>{t('inputs.daysUnit')}</span>
      </span>
    );
  } else if (condition.field === 'productsBought') {
    editor = multiSelect(t('inputs.products', n), options.products, t('inputs.noProducts'), 'segment-products');
  } else {
    editor = multiSelect(t('inputs.campaigns', n), options.campaigns, t('inputs.noCampaigns'), 'segment-campaigns');
  }

  return (
    <li className="seg-condition" data-testid="segment-condition">
      <div className="seg-condition-head">
        <select
          className="rec-input select seg-field"
          aria-label={t('inputs.field', n)}
          value={condition.field}
          onChange={(event) => onChange({ ...newCondition(event.target.value as SegmentField, condition.currency), key: condition.key })}
          data-testid="segment-field"
        >
          <optgroup label={t('groups.demographic')}>
            {fields
              .filter((f) => DEMOGRAPHIC.includes(f))
              .map((f) => (
                <option key={f} value={f}>
                  {fieldLabel(t, f, target === 'contacts' && !['country', 'language'].includes(f) ? 'account' : 'record')}
                </option>
              ))}
          </optgroup>
          <optgroup label={t('groups.behaviour')}>
            {fields
              .filter((f) => !DEMOGRAPHIC.includes(f))
              .map((f) => (
                <option key={f} value={f}>
                  {fieldLabel(t, f, target === 'contacts' && !['lastActivity', 'campaignResponse'].includes(f) ? 'account' : 'record')}
                </option>
              ))}
          </optgroup>
        </select>
        {ops.length > 1 ? (
          <select
            className="rec-input select seg-op"
            aria-label={t('inputs.operator', n)}
            value={condition.op}
            onChange={(event) => set({ op: event.target.value })}
            data-testid="segment-op"
          >
            {ops.map((op) => (
              <option key={op} value={op}>
                {t(`ops.${op}` as 'ops.in')}
              </option>
            ))}
          </select>
        ) : (
          <span className="seg-op-text">{t(`ops.${ops[0]}` as 'ops.in')}</span>
        )}
        <button
          type="button"
          className="button rec-button-ghost rec-button-small seg-remove"
          onClick={onRemove}
          aria-label={t('builder.removeCondition', n)}
          data-testid="segment-remove"
        >
          ×
        </button>
      </div>
      <div className="seg-condition-values" data-subject={subject}>
        {editor}
      </div>
    </li>
  );
}
