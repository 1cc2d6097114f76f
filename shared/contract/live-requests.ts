import { z } from 'zod';
import { request } from './define-request';
import type { ListWindow } from './paging';
import type { ParamsOf, ResultOf } from './requests';

/**
 * Reads a screen may subscribe to. A live query is an ordinary read request the core re-runs
 * whenever something it depends on changes (a local write, a sync pull, a finished background job)
 * and pushes as a `live.changed` event. Making a read live is one name here plus the line in the
 * core that says what makes it stale (electron/core/rpc/live-sources.ts).
 */
export const LIVE_REQUEST_NAMES = [
  'accounts.list',
  'accounts.summary',
  'accounts.get',
  'accounts.deals',
  'accounts.timeline',
  'contacts.list',
  'contacts.get',
  'duplicates.queue',
  'activities.list',
  'leads.list',
  'leads.get',
  'opportunities.list',
  'opportunities.board',
  'opportunities.get',
  'quotes.forOpportunity',
  'agenda.today',
  'reports.salesDashboard',
  'analytics.winProbabilities',
  'catalog.products',
  'catalog.product',
  'catalog.priceBooks',
  'org.access',
  'quotas.forPeriod',
  'cases.list',
  'cases.queueCounts',
  'cases.get',
  'cases.forAccount',
  'knowledge.list',
  'knowledge.get',
  'knowledge.categories',
  'knowledge.suggest',
  'service.settings',
  'surveys.forAccount',
  'service.dashboard',
  'insight.account',
  'insight.dashboard',
  'insight.model',
  'marketing.dashboard',
  'discover.segments',
  'campaigns.list',
  'campaigns.get',
  'campaigns.members',
  'campaigns.options',
  'templates.list',
  'templates.get',
  'segments.list',
  'segments.get',
  'outbox.list',
  'outbox.counts',
] as const;
export type LiveRequestName = (typeof LIVE_REQUEST_NAMES)[number];

/** The request's params are checked against the request's own schema by the core's dispatcher. */
export const liveQuerySchema = z.strictObject({ request: z.enum(LIVE_REQUEST_NAMES), params: z.unknown() });

export type LiveQuery = { [K in LiveRequestName]: { readonly request: K; readonly params: ParamsOf<K> } }[LiveRequestName];

/** What each live request yields; `live.changed` carries the same shape. */
export type LiveResultMap = { readonly [K in LiveRequestName]: ResultOf<K> };

/** The live requests that answer a window of a list (virtualized lists page through these). */
export type LiveListName = { [K in LiveRequestName]: ResultOf<K> extends ListWindow<unknown> ? K : never }[LiveRequestName];

export type LiveResult = {
  [K in LiveRequestName]: { readonly request: K; readonly result: LiveResultMap[K] };
}[LiveRequestName];

const subscriptionIdSchema = z.string().min(1).max(64);

export const liveRequests = {
  'live.subscribe': request(z.strictObject({ query: liveQuerySchema })).returns<{ readonly subscriptionId: string } & LiveResult>(),
  'live.unsubscribe': request(z.strictObject({ subscriptionId: subscriptionIdSchema })).returns<{ readonly removed: boolean }>(),
} as const;

export function isLiveRequestName(name: string): name is LiveRequestName {
  return (LIVE_REQUEST_NAMES as ReadonlyArray<string>).includes(name);
}
