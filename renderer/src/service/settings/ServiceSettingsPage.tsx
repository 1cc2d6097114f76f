import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessCalendarValues, SlaPolicyValues } from '../../../../shared/contract/service/service-settings-requests';
import type { Stored } from '../../../../shared/contract/paging';
import type { BusinessCalendar, SlaPolicy } from '../../../../shared/schemas/knowledge';
import { useLiveQuery } from '../../data/use-live-query';
import '../../reports/reports.css';
import { useCrmClient } from '../../transport/client-context';
import { useDuration } from '../dashboard/use-duration';
import { CalendarForm } from './CalendarForm';
import { PolicyForm } from './PolicyForm';
import './settings.css';

type Editing = { readonly kind: 'policy' | 'calendar'; readonly id: string | null } | null;

/** SLA policies and business calendars: everyone reads them; managers (and the local user) edit. */
export function ServiceSettingsPage() {
  const { t } = useTranslation('service-dashboard');
  const client = useCrmClient();
  const state = useLiveQuery('service.settings', {}, 'service.settings');
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (state.status === 'loading') {
    return (
      <p className="page-body" role="status">
        {t('settings.loading')}
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <p className="page-body dashboard-error" role="alert">
        {t('settings.error', { message: state.error.message })}
      </p>
    );
  }
  const { policies, calendars, canEdit } = state.result;
  const policy = editing?.kind === 'policy' && editing.id ? policies.find((p) => p.id === editing.id) : undefined;
  const calendar = editing?.kind === 'calendar' && editing.id ? calendars.find((c) => c.id === editing.id) : undefined;

  const savePolicy = async (values: SlaPolicyValues): Promise<string | null> => {
    const result = await client.send('service.savePolicy', {
      ...(policy ? { id: policy.id, expectedRevision: policy.revision } : {}),
      values,
    });
    if (!result.ok) return result.error.message;
    setEditing(null);
    setNotice(t('settings.saved'));
    return null;
  };
  const saveCalendar = async (values: BusinessCalendarValues): Promise<string | null> => {
    const result = await client.send('service.saveCalendar', {
      ...(calendar ? { id: calendar.id, expectedRevision: calendar.revision } : {}),
      values,
    });
    if (!result.ok) return result.error.message;
    setEditing(null);
    setNotice(t('settings.saved'));
    return null;
  };
  const start = (next: Editing): void => {
    setNotice(null);
    setEditing(next);
  };

  return (
    <div className="page page-body settings-page" data-testid="service-settings">
      <header className="page-header">
        <h2 className="page-title">{t('settings.title')}</h2>
      </header>
      <p className="settings-intro">{t('settings.intro')}</p>
      {canEdit ? null : (
        <p className="settings-readonly" data-testid="settings-read-only">
          {t('settings.readOnly')}
        </p>
      )}
      {notice ? (
        <p className="settings-notice" role="status">
          {notice}
        </p>
      ) : null}

      <section aria-labelledby="policies-title" className="settings-section">
        <div className="settings-section-head">
          <h3 id="policies-title">{t('settings.policies')}</h3>
          {canEdit ? (
            <button type="button" className="button" onClick={() => start({ kind: 'policy', id: null })} data-testid="policy-new">
              {t('settings.newPolicy')}
            </button>
          ) : null}
        </div>
        {editing?.kind === 'policy' && editing.id === null ? (
          <PolicyForm initial={undefined} calendars={calendars} onSave={savePolicy} onCancel={() => setEditing(null)} />
        ) : null}
        <PolicyTable policies={policies} calendars={calendars} canEdit={canEdit} onEdit={(id) => start({ kind: 'policy', id })} />
        {policy ? (
          <PolicyForm key={policy.id} initial={policy} calendars={calendars} onSave={savePolicy} onCancel={() => setEditing(null)} />
        ) : null}
      </section>

      <section aria-labelledby="calendars-title" className="settings-section">
        <div className="settings-section-head">
          <h3 id="calendars-title">{t('settings.calendars')}</h3>
          {canEdit ? (
            <button type="button" className="button" onClick={() => start({ kind: 'calendar', id: null })} data-testid="calendar-new">
              {t('settings.newCalendar')}
            </button>
          ) : null}
        </div>
        {editing?.kind === 'calendar' && editing.id === null ? (
          <CalendarForm initial={undefined} onSave={saveCalendar} onCancel={() => setEditing(null)} />
        ) : null}
        <CalendarTable calendars={calendars} canEdit={canEdit} onEdit={(id) => start({ kind: 'calendar', id })} />
        {calendar ? <CalendarForm key={calendar.id} initial={calendar} onSave={saveCalendar} onCancel={() => setEditing(null)} /> : null}
      </section>
    </div>
  );
}

function PolicyTable({
  policies,
  calendars,
  canEdit,
  onEdit,
}: {
  readonly policies: ReadonlyArray<Stored<SlaPolicy>>;
  readonly calendars: ReadonlyArray<BusinessCalendar>;
  readonly canEdit: boolean;
  readonly onEdit: (id: string) => void;
}) {
  const { t } = useTranslation('service-dashboard');
  const duration = useDuration();
  if (policies.length === 0) return <p className="settings-muted">{t('settings.noPolicies')}</p>;
  const calendarName = (id: string): string => calendars.find((c) => c.id === id)?.name ?? t('settings.unknownCalendar');
  return (
    <div className="settings-table-wrap">
      <table className="print-table settings-table" data-testid="policy-table">
        <thead>
          <tr>
            <th>{t('settings.name')}</th>
            <th>{t('settings.priority')}</th>
            <th>{t('settings.tier')}</th>
            <th>{t('settings.firstResponse')}</th>
            <th>{t('settings.resolution')}</th>
            <th>{t('settings.calendar')}</th>
            <th>{t('settings.atRisk')}</th>
            <th>{t('settings.reopenWindow')}</th>
            <th>{t('settings.active')}</th>
            {canEdit ? <th>{t('settings.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {policies.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>{t(`priority.${p.priority}`)}</td>
              <td>{p.tier ? t(`tier.${p.tier}`) : t('settings.anyTier')}</td>
              <td>{duration(p.firstResponseMinutes)}</td>
              <td>{duration(p.resolutionMinutes)}</td>
              <td>{calendarName(p.calendarId)}</td>
              <td>{t('settings.atRiskValue', { value: p.atRiskPercent })}</td>
              <td>{t('settings.days', { count: p.reopenWindowDays })}</td>
              <td>{p.active ? t('settings.active') : t('settings.inactive')}</td>
              {canEdit ? (
                <td>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={t('settings.editNamed', { name: p.name })}
                    onClick={() => onEdit(p.id)}
                  >
                    {t('settings.edit')}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CalendarTable({
  calendars,
  canEdit,
  onEdit,
}: {
  readonly calendars: ReadonlyArray<Stored<BusinessCalendar>>;
  readonly canEdit: boolean;
  readonly onEdit: (id: string) => void;
}) {
  const { t } = useTranslation('service-dashboard');
  const weekdays = t('settings.weekdays', { returnObjects: true }) as string[];
  if (calendars.length === 0) return <p className="settings-muted">{t('settings.noCalendars')}</p>;
  return (
    <div className="settings-table-wrap">
      <table className="print-table settings-table" data-testid="calendar-table">
        <thead>
          <tr>
            <th>{t('settings.name')}</th>
            <th>{t('settings.timeZone')}</th>
            <th>{t('settings.week')}</th>
            <th>{t('settings.holidays')}</th>
            {canEdit ? <th>{t('settings.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {calendars.map((c) => (
            <tr key={c.id}>
              <td>{c.name}</td>
              <td>{c.timeZone}</td>
              <td className="settings-week-cell">{weekSummary(c.week, weekdays)}</td>
              <td title={c.holidays.map((h) => `${h.date}${h.name ? ` ${h.name}` : ''}`).join('\n')}>
                {t('settings.holidayCount', { count: c.holidays.length })}
              </td>
              {canEdit ? (
                <td>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={t('settings.editNamed', { name: c.name })}
                    onClick={() => onEdit(c.id)}
                  >
                    {t('settings.edit')}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Monday–Friday 09:00–17:00; Saturday 10:00–14:00": runs of weekdays with the same hours folded together. */
function weekSummary(week: BusinessCalendar['week'], weekdays: readonly string[]): string {
  const hours = week.map((stretches) => stretches.map((h) => `${h.start}–${h.end}`).join(', '));
  const parts: string[] = [];
  for (let day = 0; day < hours.length;) {
    let last = day;
    while (last + 1 < hours.length && hours[last + 1] === hours[day]) last++;
    if (hours[day]) parts.push(`${weekdays[day]}${last > day ? `–${weekdays[last]}` : ''} ${hours[day]}`);
    day = last + 1;
  }
  return parts.join('; ');
}
