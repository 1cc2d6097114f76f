import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessCalendarValues } from '../../../../shared/contract/service/service-settings-requests';
import { calendarError, DEFAULT_WEEK, timeZones } from './settings-values';

type Values = BusinessCalendarValues;
const MAX_STRETCHES = 4;

/** Creates or changes one business calendar: its time zone, working hours per weekday and holidays. */
export function CalendarForm({
  initial,
  onSave,
  onCancel,
}: {
  readonly initial: Values | undefined;
  readonly onSave: (values: Values) => Promise<string | null>;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation('service-dashboard');
  const weekdays = t('settings.weekdays', { returnObjects: true }) as string[];
  const [values, setValues] = useState<Values>(
    () => initial ?? { name: '', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, week: DEFAULT_WEEK, holidays: [] },
  );
  const zones = useMemo(() => timeZones(values.timeZone), [values.timeZone]);
  // The error's words are chosen at render, so they follow a change of language.
  const [error, setError] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);
  const setDay = (day: number, stretches: Values['week'][number]): void =>
    setValues((v) => ({ ...v, week: v.week.map((current, i) => (i === day ? stretches : current)) }));

  const submit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    const problem = calendarError(values);
    if (problem) {
      return setError(
        problem.key === 'hours'
          ? { key: 'settings.errors.hours', values: { day: problem.day } }
          : { key: `settings.errors.${problem.key}` },
      );
    }
    setSaving(true);
    const failure = await onSave({ ...values, name: values.name.trim() });
    setSaving(false);
    setError(failure === null ? null : { key: 'settings.saveFailed', failure });
  };

  return (
    <form className="settings-form settings-calendar-form" onSubmit={(e) => void submit(e)} data-testid="calendar-form" noValidate>
      <label className="filter-field">
        <span>{t('settings.name')}</span>
        <input
          value={values.name}
          maxLength={200}
          onChange={(e) => setValues({ ...values, name: e.target.value })}
          data-testid="calendar-name"
        />
      </label>
      <label className="filter-field">
        <span>{t('settings.timeZone')}</span>
        <select value={values.timeZone} onChange={(e) => setValues({ ...values, timeZone: e.target.value })} data-testid="calendar-zone">
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="settings-week">
        <legend>{t('settings.workingDays')}</legend>
        {values.week.map((stretches, day) => (
          <div key={day} className="settings-day" role="group" aria-label={weekdays[day]}>
            <span className="settings-day-name">{weekdays[day]}</span>
            {stretches.length === 0 ? <span className="settings-muted">{t('settings.closed')}</span> : null}
            {stretches.map((h, i) => (
              <span key={i} className="settings-stretch">
                <input
                  type="time"
                  value={h.start}
                  aria-label={`${weekdays[day]} ${t('settings.start')}`}
                  onChange={(e) =>
                    setDay(
                      day,
                      stretches.map((s, j) => (j === i ? { ...s, start: e.target.value } : s)),
                    )
                  }
                />
                –
                <input
                  type="time"
                  value={h.end === '24:00' ? '23:59' : h.end}
                  aria-label={`${weekdays[day]} ${t('settings.end')}`}
                  onChange={(e) =>
                    setDay(
                      day,
                      stretches.map((s, j) => (j === i ? { ...s, end: e.target.value } : s)),
                    )
                  }
                />
                <button
                  type="button"
                  className="button button-secondary button-small"
                  aria-label={`${t('settings.remove')} ${weekdays[day]} ${h.start}–${h.end}`}
                  onClick={() =>
                    setDay(
                      day,
                      stretches.filter((_, j) => j !== i),
                    )
                  }
                >
                  {t('settings.remove')}
                </button>
              </span>
            ))}
            {stretches.length < MAX_STRETCHES ? (
              <button
                type="button"
                className="button button-secondary button-small"
                aria-label={`${t('settings.open')} ${weekdays[day]}`}
                onClick={() => setDay(day, [...stretches, { start: '09:00', end: '17:00' }])}
              >
                +
              </button>
            ) : null}
          </div>
        ))}
      </fieldset>
      <fieldset className="settings-holidays">
        <legend>{t('settings.holidays')}</legend>
        {values.holidays.length === 0 ? <p className="settings-muted">{t('settings.noHolidays')}</p> : null}
        {values.holidays.map((holiday, i) => (
          <div key={i} className="settings-holiday">
            <input
              type="date"
              value={holiday.date}
              aria-label={`${t('settings.holidayDate')} ${i + 1}`}
              onChange={(e) =>
                setValues({ ...values, holidays: values.holidays.map((h, j) => (j === i ? { ...h, date: e.target.value } : h)) })
              }
            />
            <input
              value={holiday.name ?? ''}
              maxLength={100}
              aria-label={`${t('settings.holidayName')} ${i + 1}`}
              placeholder={t('settings.holidayName')}
              onChange={(e) =>
                setValues({
                  ...values,
                  holidays: values.holidays.map((h, j) =>
                    j === i ? { date: h.date, ...(e.target.value ? { name: e.target.value } : {}) } : h,
                  ),
                })
              }
            />
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => setValues({ ...values, holidays: values.holidays.filter((_, j) => j !== i) })}
            >
              {t('settings.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => setValues({ ...values, holidays: [...values.holidays, { date: '' }] })}
          data-testid="calendar-add-holiday"
        >
          {t('settings.addHoliday')}
        </button>
      </fieldset>
      <div className="settings-actions">
        <button type="submit" className="button" disabled={saving} data-testid="calendar-save">
          {t('settings.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('settings.cancel')}
        </button>
        {error ? (
          <p className="settings-error" role="alert" data-testid="calendar-error">
            {error.failure === undefined
              ? error.key === 'settings.errors.hours'
                ? t(error.key, { day: weekdays[Number(error.values?.['day'])] })
                : t(error.key as 'settings.errors.name')
              : t('settings.saveFailed', { message: error.failure })}
          </p>
        ) : null}
      </div>
    </form>
  );
}

type Problem = { readonly key: string; readonly values?: Readonly<Record<string, number>>; readonly failure?: string };
