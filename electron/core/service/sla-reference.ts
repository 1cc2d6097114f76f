import type { Subscription } from 'rxjs';
import type { AccountTier, BusinessCalendar, Case, SlaPolicy } from '../../../shared/schemas';
import { createBusinessClock, type BusinessClock } from '../../../shared/service/business-clock';
import { DEFAULT_REOPEN_WINDOW_DAYS } from '../../../shared/service/case-workflow';
import { slaDeadline } from '../../../shared/service/sla-deadline';
import { caseSla, slaOutcomeAt, type CaseSla } from '../../../shared/service/sla-state';
import { policyFor } from '../../../shared/service/sla-policies';
import type { CrmDatabase } from '../db/open-crm-database';
import { domainChanges } from '../db/domain-changes';

type SlaCase = Pick<Case, 'status' | 'openedAt' | 'firstRespondedAt' | 'statusHistory' | 'slaOutcome' | 'priority'>;

/** The synced SLA policies and calendars at one moment, with a business clock per calendar. */
export type SlaReference = {
  readonly policies: ReadonlyArray<SlaPolicy>;
  readonly calendars: ReadonlyArray<BusinessCalendar>;
  policyFor(priority: Case['priority'], tier: AccountTier | undefined): SlaPolicy | undefined;
  clockFor(calendarId: string): BusinessClock | undefined;
  /** The case's SLA at `now` (shared/service/sla-state.ts). */
  slaOf(c: SlaCase, tier: AccountTier | undefined, now: number): CaseSla;
  /** What to freeze on the case when it is resolved at `at`; undefined when no policy covers it. */
  outcomeAt(c: SlaCase, tier: AccountTier | undefined, at: number): Case['slaOutcome'];
  /** When an open case breaches if its status stays as it is (shared/service/sla-deadline.ts). */
  deadlineOf(c: SlaCase, tier: AccountTier | undefined): number | undefined;
  reopenWindowDays(priority: Case['priority'], tier: AccountTier | undefined): number;
};

export type SlaReferenceSource = {
  /** The current reference; read once, then again only after the knowledge collection changed. */
  current(): Promise<SlaReference>;
  close(): void;
};

export function buildSlaReference(policies: ReadonlyArray<SlaPolicy>, calendars: ReadonlyArray<BusinessCalendar>): SlaReference {
  const clocks = new Map<string, BusinessClock | undefined>();
  const clockFor = (calendarId: string): BusinessClock | undefined => {
    if (clocks.has(calendarId)) return clocks.get(calendarId);
    const calendar = calendars.find((c) => c.id === calendarId);
    const clock = calendar ? safeClock(calendar) : undefined;
    clocks.set(calendarId, clock);
    return clock;
  };
  // Few priorities times few tiers: each pair is looked up once, then every case reads the answer.
  const chosen = new Map<string, SlaPolicy | undefined>();
  const find = (priority: Case['priority'], tier: AccountTier | undefined): SlaPolicy | undefined => {
    const key = `${priority}|${tier ?? ''}`;
    if (!chosen.has(key)) chosen.set(key, policyFor(policies, priority, tier));
    return chosen.get(key);
  };
  return {
    policies,
    calendars,
    policyFor: find,
    clockFor,
    slaOf(c, tier, now) {
      const policy = find(c.priority, tier);
      return caseSla(c, policy, policy ? clockFor(policy.calendarId) : undefined, now);
    },
    outcomeAt(c, tier, at) {
      const policy = find(c.priority, tier);
      const clock = policy ? clockFor(policy.calendarId) : undefined;
      return policy && clock ? slaOutcomeAt(c, policy, clock, at) : undefined;
    },
    deadlineOf(c, tier) {
      const policy = find(c.priority, tier);
      const clock = policy ? clockFor(policy.calendarId) : undefined;
      return policy && clock ? slaDeadline(c, policy, clock) : undefined;
    },
    reopenWindowDays(priority, tier) {
      return find(priority, tier)?.reopenWindowDays ?? DEFAULT_REOPEN_WINDOW_DAYS;
    },
  };
}

/** A calendar with a time zone this runtime does not know measures nothing rather than failing every case. */
function safeClock(calendar: BusinessCalendar): BusinessClock | undefined {
  try {
    Intl.DateTimeFormat('en', { timeZone: calendar.timeZone });
    return createBusinessClock(calendar);
  } catch {
    // An unknown zone cannot be measured in; the case shows "no SLA" instead of a wrong clock.
    return undefined;
  }
}

export function createSlaReferenceSource(db: CrmDatabase): SlaReferenceSource {
  let cached: Promise<SlaReference> | undefined;
  const subscription: Subscription = domainChanges(db.knowledge).subscribe((bulk) => {
    if (bulk.events.some((e) => (e.documentData as { kind?: string } | undefined)?.kind !== 'knowledge_article')) cached = undefined;
  });
  const load = async (): Promise<SlaReference> => {
    const docs = await db.knowledge.find({ selector: { kind: { $in: ['sla_policy', 'business_calendar'] } } }).exec();
    const policies: SlaPolicy[] = [];
    const calendars: BusinessCalendar[] = [];
    for (const doc of docs) {
      const data = doc.toMutableJSON(false);
      if (data.kind === 'sla_policy') policies.push(data);
      else if (data.kind === 'business_calendar') calendars.push(data);
    }
    return buildSlaReference(policies, calendars);
  };
  return {
    current() {
      cached ??= load().catch((error: unknown) => {
        cached = undefined;
        throw error;
      });
      return cached;
    },
    close() {
      subscription.unsubscribe();
    },
  };
}
