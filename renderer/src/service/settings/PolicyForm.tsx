import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaPolicyValues } from '../../../../shared/contract/service/service-settings-requests';
import { ACCOUNT_TIERS } from '../../../../shared/schemas/accounts';
import { CASE_PRIORITIES } from '../../../../shared/schemas/cases';
import type { BusinessCalendar } from '../../../../shared/schemas/knowledge';
import { policyDraft, policyValues, type PolicyDraft } from './settings-values';

/** Creates or changes one policy; `onSave` answers with the core's error message, or null when saved. */
export function PolicyForm({
  initial,
  calendars,
  onSave,
  onCancel,
}: {
  readonly initial: SlaPolicyValues | undefined;
  readonly calendars: ReadonlyArray<BusinessCalendar>;
  readonly onSave: (values: SlaPolicyValues) => Promise<string | null>;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation('service-dashboard');
  const [draft, setDraft] = useState<PolicyDraft>(() => policyDraft(initial, calendars[0]?.id ?? ''));
  // The error's words are chosen at render, so they follow a change of language.
  const [error, setError] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof PolicyDraft>(field: K, value: PolicyDraft[K]): void => setDraft((d) => ({ ...d, [field]: value }));

  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    const checked = policyValues(draft);
    if (!checked.ok) return setError({ key: `settings.errors.${checked.error}` });
    setSaving(true);
    const failure = await onSave(checked.values);
    setSaving(false);
    setError(failure === null ? null : { key: 'settings.saveFailed', failure });
  };

  const target = (field: 'firstResponse' | 'resolution', label: string) => (
    <fieldset className="settings-target">
      <legend>{t('settings.targetIn', { what: label })}</legend>
      <label>
        <span>{t('settings.hours')}</span>
        <input
          type="number"
          min={0}
          max={16666}
          value={draft[field].hours}
          onChange={(e) => set(field, { ...draft[field], hours: Number(e.target.value) })}
          data-testid={`policy-${field}-hours`}
        />
      </label>
      <label>
        <span>{t('settings.minutes')}</span>
        <input
          type="number"
          min={0}
          max={59}
          value={draft[field].minutes}
          onChange={(e) => set(field, { ...draft[field], minutes: Number(e.target.value) })}
          data-testid={`policy-${field}-minutes`}
        />
      </label>
    </fieldset>
  );

  return (
    <form className="settings-form" onSubmit={(e) => void submit(e)} data-testid="policy-form" noValidate>
      <label className="filter-field">
        <span>{t('settings.name')}</span>
        <input value={draft.name} onChange={(e) => set('name', e.target.value)} maxLength={200} data-testid="policy-name" />
      </label>
      <label className="filter-field">
        <span>{t('settings.priority')}</span>
        <select
          value={draft.priority}
          onChange={(e) => set('priority', e.target.value as PolicyDraft['priority'])}
          data-testid="policy-priority"
        >
          {CASE_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="filter-field">
        <span>{t('settings.tier')}</span>
        <select value={draft.tier} onChange={(e) => set('tier', e.target.value as PolicyDraft['tier'])} data-testid="policy-tier">
          <option value="">{t('settings.anyTier')}</option>
          {ACCOUNT_TIERS.map((tier) => (
            <option key={tier} value={tier}>
              {t(`tier.${tier}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="filter-field">
        <span>{t('settings.calendar')}</span>
        <select value={draft.calendarId} onChange={(e) => set('calendarId', e.target.value)} data-testid="policy-calendar">
          {calendars.length === 0 ? <option value="">{t('settings.noCalendars')}</option> : null}
          {calendars.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      {target('firstResponse', t('settings.firstResponse'))}
      {target('resolution', t('settings.resolution'))}
      <label className="filter-field">
        <span>{t('settings.atRiskPercent')}</span>
        <input type="number" min={1} max={99} value={draft.atRiskPercent} onChange={(e) => set('atRiskPercent', Number(e.target.value))} />
      </label>
      <label className="filter-field">
        <span>{t('settings.reopenWindowDays')}</span>
        <input
          type="number"
          min={0}
          max={365}
          value={draft.reopenWindowDays}
          onChange={(e) => set('reopenWindowDays', Number(e.target.value))}
        />
      </label>
      <label className="settings-check">
        <input type="checkbox" checked={draft.active} onChange={(e) => set('active', e.target.checked)} />
        <span>{t('settings.active')}</span>
      </label>
      <div className="settings-actions">
        <button type="submit" className="button" disabled={saving} data-testid="policy-save">
          {t('settings.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('settings.cancel')}
        </button>
        {error ? (
          <p className="settings-error" role="alert" data-testid="policy-error">
            {error.failure === undefined ? t(error.key as 'settings.errors.name') : t('settings.saveFailed', { message: error.failure })}
          </p>
        ) : null}
      </div>
    </form>
  );
}

type Problem = { readonly key: string; readonly values?: Readonly<Record<string, number>>; readonly failure?: string };
