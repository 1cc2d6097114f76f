import { useTranslation } from 'react-i18next';
import { LEAD_SOURCES, type Lead } from '../../../../shared/schemas';

type Change = (event: { target: { value: string } }) => void;

/**
 * The lead's source and rating pickers, shared by the capture and the edit form. Returns the two
 * labelled selects side by side (no wrapper) so each form places them in its own row or grid.
 */
export function LeadSourceRatingFields({
  values,
  onChange,
}: {
  readonly values: { readonly source: Lead['source']; readonly rating: '' | NonNullable<Lead['rating']> };
  /** The form's change handler for one field. */
  readonly onChange: (field: 'source' | 'rating') => Change;
}) {
  const { t } = useTranslation('leads');
  return (
    <>
      <label className="rec-field">
        <span className="rec-field-label">{t('fields.source')}</span>
        <select className="rec-input select" name="source" value={values.source} onChange={onChange('source')}>
          {LEAD_SOURCES.map((value) => (
            <option key={value} value={value}>
              {t(`source.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="rec-field">
        <span className="rec-field-label">{t('fields.rating')}</span>
        <select className="rec-input select" name="rating" value={values.rating} onChange={onChange('rating')}>
          <option value="">{t('rating.none')}</option>
          {(['hot', 'warm', 'cold'] as const).map((value) => (
            <option key={value} value={value}>
              {t(`rating.${value}`)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
