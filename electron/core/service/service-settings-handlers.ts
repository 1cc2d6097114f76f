import { randomUUID } from 'node:crypto';
import { ok, type Stored } from '../../../shared/contract';
import type { BusinessCalendarValues } from '../../../shared/contract/service/service-settings-requests';
import type { BusinessCalendar, SlaPolicy } from '../../../shared/schemas';
import { toStored } from '../db/validated-documents';
import { defineHandlers } from '../rpc/dispatcher';
import { HandlerError } from '../rpc/handler-error';
import { editAccess, requireEditor } from '../sales/org-access';
import { createSalesStore } from '../sales/sales-store';
import type { ServiceDeps } from './service-deps';

type ServiceReference = SlaPolicy | BusinessCalendar;
/** What an edit keeps from the stored document; everything else comes from the request. */
const KEPT_FIELDS = ['ownerId', 'teamId', 'createdAt', 'updatedAt', 'serverRevision', 'serverUpdatedAt'] as const;

/**
 * SLA policies and business calendars: everyone reads them (every SLA clock depends on them),
 * managers, admins and the local user write them. The core sets `kind`, owner and team.
 */
export function createServiceSettingsHandlers(deps: ServiceDeps, options: { readonly newId?: () => string } = {}) {
  const newId = options.newId ?? randomUUID;
  const store = createSalesStore<ServiceReference>('knowledge', deps);

  const save = async <T extends ServiceReference>(
    kind: T['kind'],
    id: string | undefined,
    values: Omit<T, 'id' | 'kind' | 'ownerId' | 'teamId' | 'createdAt' | 'updatedAt'>,
    expectedRevision: string | undefined,
  ): Promise<Stored<T>> => {
    if (id === undefined) {
      const at = deps.now();
      const doc = store.validate({
        ...values,
        id: newId(),
        kind,
        ownerId: deps.actor.ownerId,
        teamId: deps.actor.teamId,
        createdAt: at,
        updatedAt: at,
      });
      return (await store.insert(doc)) as unknown as Stored<T>;
    }
    const saved = await store.modify(
      id,
      (current) => {
        if (current.kind !== kind)
          throw new HandlerError('not_found', `No ${kind === 'sla_policy' ? 'SLA policy' : 'business calendar'} with id ${id}`);
        // Every editable field is in `values`: an absent optional one (a policy's tier) is cleared.
        const kept: Record<string, unknown> = {};
        for (const field of KEPT_FIELDS) if (current[field] !== undefined) kept[field] = current[field];
        return { ...values, ...kept, id, kind } as T;
      },
      expectedRevision,
    );
    return saved as unknown as Stored<T>;
  };

  return defineHandlers({
    'service.settings': async () => {
      const docs = await store.collection.find({ selector: { kind: { $in: ['sla_policy', 'business_calendar'] } } }).exec();
      const all = docs.map((doc) => toStored(doc) as Stored<ServiceReference>);
      const policies = all.filter((d): d is Stored<SlaPolicy> => d.kind === 'sla_policy');
      const calendars = all.filter((d): d is Stored<BusinessCalendar> => d.kind === 'business_calendar');
      policies.sort(
        (a, b) => a.priority.localeCompare(b.priority) || (a.tier ?? '').localeCompare(b.tier ?? '') || a.name.localeCompare(b.name),
      );
      calendars.sort((a, b) => a.name.localeCompare(b.name));
      return ok({ policies, calendars, canEdit: editAccess(deps.session()).canEdit });
    },

    'service.savePolicy': async ({ id, values, expectedRevision }) => {
      requireEditor(deps.session(), 'change SLA policies');
      const calendar = (await store.collection.findOne(values.calendarId).exec())?.toJSON() as ServiceReference | undefined;
      if (calendar?.kind !== 'business_calendar')
        throw new HandlerError('invalid_request', `values.calendarId: no business calendar with id ${values.calendarId}`);
      return ok(await save<SlaPolicy>('sla_policy', id, values, expectedRevision));
    },

    'service.saveCalendar': async ({ id, values, expectedRevision }) => {
      requireEditor(deps.session(), 'change business calendars');
      checkCalendar(values);
      return ok(await save<BusinessCalendar>('business_calendar', id, values, expectedRevision));
    },
  });
}

/** What the schema cannot say: the zone is one this runtime knows, a day's stretches do not overlap, holidays are not repeated. */
function checkCalendar(values: BusinessCalendarValues): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: values.timeZone });
  } catch {
    // Intl throws RangeError for an unknown zone; that is the answer, not a failure.
    throw new HandlerError('invalid_request', `values.timeZone: "${values.timeZone}" is not a known time zone (e.g. Europe/Berlin)`);
  }
  values.week.forEach((day, index) => {
    const sorted = [...day].sort((a, b) => a.start.localeCompare(b.start));
    for (let i = 1; i < sorted.length; i++) {
      if ((sorted[i]?.start ?? '') < (sorted[i - 1]?.end ?? '')) {
        throw new HandlerError('invalid_request', `values.week.${index}: working hours on one day must not overlap`);
      }
    }
  });
  const seen = new Set<string>();
  for (const holiday of values.holidays) {
    if (seen.has(holiday.date)) throw new HandlerError('invalid_request', `values.holidays: ${holiday.date} is listed twice`);
    seen.add(holiday.date);
  }
}
