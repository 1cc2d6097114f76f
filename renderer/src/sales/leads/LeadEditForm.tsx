import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LEAD_CLEARABLE_FIELDS, type LeadRecord } from '../../../../shared/contract/sales/leads-requests';
import { type Lead } from '../../../../shared/schemas';
import { CampaignPicker } from '../../marketing/campaigns/CampaignPicker';
import { useCrmClient } from '../../transport/client-context';
import { LeadSourceRatingFields } from './LeadSourceRatingFields';

const TEXT_FIELDS = ['firstName', 'lastName', 'company', 'title', 'email', 'phone', 'city', 'country'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
type Values = Record<TextField | 'notes' | 'campaignId', string> & {
  readonly source: Lead['source'];
  readonly rating: '' | NonNullable<Lead['rating']>;
};
type Clearable = (typeof LEAD_CLEARABLE_FIELDS)[number];

const INPUT_TYPE: Partial<Record<TextField, 'email' | 'tel'>> = { email: 'email', phone: 'tel' };

function valuesOf(lead: LeadRecord): Values {
  return {
    firstName: lead.firstName ?? '',
    lastName: lead.lastName,
    company: lead.company ?? '',
    title: lead.title ?? '',
    email: lead.email ?? '',
    phone: lead.phone ?? '',
    city: lead.city ?? '',
    country: lead.country ?? '',
    notes: lead.notes ?? '',
    source: lead.source,
    rating: lead.rating ?? '',
    campaignId: lead.campaignId ?? '',
  };
}

/**
 * Edits the lead's own fields. Saves against the revision the form started from: if the lead changed
 * meanwhile (another window, a sync pull) the core answers `conflict`. The rep's typing stays in the
 * form and a second Save applies it over the other change; Cancel shows the other version.
 */
export function LeadEditForm({ lead, onDone }: { readonly lead: LeadRecord; readonly onDone: (saved: boolean) => void }) {
  const { t } = useTranslation('leads');
  const client = useCrmClient();
  const [initial] = useState<Values>(() => valuesOf(lead));
  const [values, setValues] = useState<Values>(initial);
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  // The revision the rep's values are based on; after a conflict, the one they chose to overwrite.
  const [base, setBase] = useState(lead.revision);
  const set = (field: keyof Values) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: event.target.value }));

  const save = async (): Promise<void> => {
    if (!values.lastName.trim()) return setError(t('capture.needsLastName'));
    // Only what the rep changed is sent, so a save never overwrites a field someone else changed
    // meanwhile unless the rep changed that field too.
    const patch: Record<string, string> = {};
    const unset: Clearable[] = [];
    for (const field of [...TEXT_FIELDS, 'notes', 'source', 'rating', 'campaignId'] as const) {
      const value = values[field].trim();
      if (value === initial[field].trim()) continue;
      if (value) patch[field] = value;
      else if ((LEAD_CLEARABLE_FIELDS as ReadonlyArray<string>).includes(field)) unset.push(field as Clearable);
    }
    if (Object.keys(patch).length === 0 && unset.length === 0) return onDone(false);
    setSaving(true);
    const answer = await client.send('leads.update', {
      id: lead.id,
      patch: patch as never,
      ...(unset.length ? { unset } : {}),
      expectedRevision: base,
    });
    setSaving(false);
    if (answer.ok) return onDone(true);
    if (answer.error.code !== 'conflict') return setError(t('failed', { message: answer.error.message }));
    const current = await client.send('leads.get', { id: lead.id });
    if (!current.ok) return setError(t('failed', { message: current.error.message }));
    setBase(current.value.revision);
    setError(t('detail.conflict'));
  };

  return (
    <form
      className="sales-form lead-edit"
      data-testid="lead-edit-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="lead-edit-grid">
        {TEXT_FIELDS.map((field) => (
          <label key={field} className="rec-field">
            <span className="rec-field-label">{t(`fields.${field}`)}</span>
            <input
              className="rec-input"
              name={field}
              type={INPUT_TYPE[field] ?? 'text'}
              value={values[field]}
              required={field === 'lastName'}
              maxLength={field === 'company' ? 200 : 80}
              onChange={set(field)}
            />
          </label>
        ))}
        <LeadSourceRatingFields values={values} onChange={set} />
        <CampaignPicker
          value={values.campaignId}
          onChange={(campaignId) => setValues((v) => ({ ...v, campaignId }))}
          testId="lead-campaign"
        />
      </div>
      <label className="rec-field">
        <span className="rec-field-label">{t('fields.notes')}</span>
        <textarea
          className="rec-input lead-notes-input"
          name="notes"
          rows={4}
          maxLength={20000}
          value={values.notes}
          onChange={set('notes')}
        />
      </label>
      {error ? (
        <p className="rec-field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="sales-actions">
        <button type="button" className="button button-secondary" onClick={() => onDone(false)}>
          {t('detail.cancel')}
        </button>
        <button type="submit" className="button" disabled={saving} data-testid="lead-save">
          {t('detail.save')}
        </button>
      </div>
    </form>
  );
}
