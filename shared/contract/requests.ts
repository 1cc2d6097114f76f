import type { z } from 'zod';
import { analyticsRequests } from './analytics/analytics-requests';
import { appRequests } from './app-requests';
import { accountSummaryRequests } from './customers/account-summary-requests';
import { accountsRequests } from './customers/accounts-requests';
import { activitiesRequests } from './customers/activities-requests';
import { contactsRequests } from './customers/contacts-requests';
import { duplicatesRequests } from './customers/duplicates-requests';
import { importRequests } from './customers/import-requests';
import { insightRequests } from './insight/insight-requests';
import { liveRequests } from './live-requests';
import { discoverRequests } from './marketing/discover-requests';
import { marketingDashboardRequests } from './marketing/marketing-dashboard-requests';
import { outboxRequests } from './marketing/outbox-requests';
import { campaignsRequests } from './marketing/campaigns-requests';
import { templatesRequests } from './marketing/templates-requests';
import { segmentsRequests } from './marketing/segments-requests';
import { reportRequests } from './reports/report-requests';
import { agendaRequests } from './sales/agenda-requests';
import { catalogRequests } from './sales/catalog-requests';
import { leadsRequests } from './sales/leads-requests';
import { opportunitiesRequests } from './sales/opportunities-requests';
import { quotaRequests } from './sales/quota-requests';
import { quotesRequests } from './sales/quotes-requests';
import { searchRequests } from './search-requests';
import { casesRequests } from './service/cases-requests';
import { knowledgeRequests } from './service/knowledge-requests';
import { serviceDashboardRequests } from './service/service-dashboard-requests';
import { serviceSettingsRequests } from './service/service-settings-requests';
import { surveysRequests } from './service/surveys-requests';
import { syncRequests } from './sync/sync-requests';
import type { RequestDef } from './define-request';

/**
 * The request map: every name the renderer may send, its params schema and its result type.
 * Domains add their own `*Requests` object to REQUEST_GROUPS. A spread would let a later group
 * silently replace an earlier name, so requests.test.ts checks that no name appears twice, and the
 * core's dispatcher refuses to start with two handlers for one name.
 */
export const REQUEST_GROUPS = [
  appRequests,
  accountsRequests,
  accountSummaryRequests,
  contactsRequests,
  activitiesRequests,
  searchRequests,
  liveRequests,
  syncRequests,
  importRequests,
  duplicatesRequests,
  leadsRequests,
  opportunitiesRequests,
  quotesRequests,
  catalogRequests,
  quotaRequests,
  agendaRequests,
  reportRequests,
  analyticsRequests,
  casesRequests,
  knowledgeRequests,
  serviceSettingsRequests,
  surveysRequests,
  serviceDashboardRequests,
  insightRequests,
  marketingDashboardRequests,
  discoverRequests,
  campaignsRequests,
  templatesRequests,
  segmentsRequests,
  outboxRequests,
] as const;

export const requestDefs = {
  ...appRequests,
  ...accountsRequests,
  ...accountSummaryRequests,
  ...contactsRequests,
  ...activitiesRequests,
  ...searchRequests,
  ...liveRequests,
  ...syncRequests,
  ...importRequests,
  ...duplicatesRequests,
  ...reportRequests,
  ...leadsRequests,
  ...opportunitiesRequests,
  ...quotesRequests,
  ...catalogRequests,
  ...quotaRequests,
  ...agendaRequests,
  ...analyticsRequests,
  ...casesRequests,
  ...knowledgeRequests,
  ...serviceSettingsRequests,
  ...surveysRequests,
  ...serviceDashboardRequests,
  ...insightRequests,
  ...marketingDashboardRequests,
  ...discoverRequests,
  ...campaignsRequests,
  ...templatesRequests,
  ...segmentsRequests,
  ...outboxRequests,
} as const;

type Defs = typeof requestDefs;
export type RequestName = keyof Defs;

/** What a caller sends (defaults may be omitted). */
export type ParamsOf<K extends RequestName> = z.input<Defs[K]['params']>;
/** What a handler receives after validation (defaults filled in). */
export type ValidParamsOf<K extends RequestName> = z.output<Defs[K]['params']>;
export type ResultOf<K extends RequestName> = Defs[K] extends RequestDef<z.ZodType, infer R> ? R : never;

export const REQUEST_NAMES = Object.keys(requestDefs) as ReadonlyArray<RequestName>;

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(requestDefs, name);
}
