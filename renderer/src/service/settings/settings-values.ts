import type { BusinessCalendarValues, SlaPolicyValues } from '../../../../shared/contract/service/service-settings-requests';

/** What the policy form holds: targets split into hours and minutes as people think of them. */
export type PolicyDraft = Omit<SlaPolicyValues, 'firstResponseMinutes' | 'resolutionMinutes' | 'tier'> & {
  readonly tier: SlaPolicyValues['tier'] | '';
  readonly firstResponse: { readonly hours: number; readonly minutes: number };
  readonly resolution: { readonly hours: number; readonly minutes: number };
};

export type PolicyError = 'name' | 'calendar' | 'target' | 'atRisk' | 'reopen';

export const splitMinutes = (total: number): { hours: number; minutes: number } => ({ hours: Math.floor(total / 60), minutes: total % 60 });
const joinMinutes = ({ hours, minutes }: { hours: number; minutes: number }): number => Math.round(hours) * 60 + Math.round(minutes);

export function policyDraft(values: SlaPolicyValues | undefined, calendarId: string): PolicyDraft {
  return {
    name: values?.name ?? '',
    priority: values?.priority ?? 'medium',
    tier: values?.tier ?? '',
    calendarId: values?.calendarId ?? calendarId,
    firstResponse: splitMinutes(values?.firstResponseMinutes ?? 240),
    resolution: splitMinutes(values?.resolutionMinutes ?? 1440),
    atRiskPercent: values?.atRiskPercent ?? 75,
    reopenWindowDays: values?.reopenWindowDays ?? 14,
    active: values?.active ?? true,
  };
}

/** The values to send, or the first thing wrong in words the form shows (the core checks again). */
export function policyValues(draft: PolicyDraft): { ok: true; values: SlaPolicyValues } | { ok: false; error: PolicyError } {
  const firstResponseMinutes = joinMinutes(draft.firstResponse);
  const resolutionMinutes = joinMinutes(draft.resolution);
  if (draft.name.trim() === '') return { ok: false, error: 'name' };
  if (draft.calendarId === '') return { ok: false, error: 'calendar' };
  if (!(firstResponseMinutes >= 1 && resolutionMinutes >= 1)) return { ok: false, error: 'target' };
  if (!(draft.atRiskPercent >= 1 && draft.atRiskPercent <= 99)) return { ok: false, error: 'atRisk' };
  if (!(draft.reopenWindowDays >= 0 && draft.reopenWindowDays <= 365)) return { ok: false, error: 'reopen' };
  const { tier, firstResponse: _f, resolution: _r, ...rest } = draft;
  return {
    ok: true,
    values: {
      ...rest,
      name: draft.name.trim(),
      atRiskPercent: Math.round(draft.atRiskPercent),
      reopenWindowDays: Math.round(draft.reopenWindowDays),
      firstResponseMinutes,
      resolutionMinutes,
      ...(tier ? { tier } : {}),
    },
  };
}

export type CalendarError = { readonly key: 'name' } | { readonly key: 'hours'; readonly day: number } | { readonly key: 'holiday' };

export const DEFAULT_WEEK: BusinessCalendarValues['week'] = [0, 1, 2, 3, 4, 5, 6].map((day) =>
  day < 5 ? [{ start: '09:00', end: '17:00' }] : [],
);

export function calendarError(values: BusinessCalendarValues): CalendarError | null {
  if (values.name.trim() === '') return { key: 'name' };
  const day = values.week.findIndex((stretches) => stretches.some((h) => !(h.start < h.end)));
  if (day >= 0) return { key: 'hours', day };
  if (values.holidays.some((h) => !/^\d{4}-\d{2}-\d{2}$/.test(h.date))) return { key: 'holiday' };
  return null;
}

/** Every IANA zone this runtime knows, with the calendar's own first if the runtime lacks it. */
export function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  return known.includes(current) || current === '' ? known : [current, ...known];
}
