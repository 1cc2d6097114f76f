import { EMPTY, merge, type Observable } from 'rxjs';
import type { CrmCollectionName } from '../../../shared/schemas';
import type { CrmDatabase } from '../db/open-crm-database';
import type { LiveTriggers } from './live-handlers';

export type BackgroundJobs = {
  /** A background revenue forecast finished. */
  readonly forecastReady$: Observable<unknown>;
  /** The win-probability model was retrained. */
  readonly winModelChanged$: Observable<unknown>;
  /** A customer-insight run finished (its answers are all replaced at once). */
  readonly insightChanged$: Observable<unknown>;
  /** The segment index took in changes (segment sizes may have moved). */
  readonly segmentsChanged$?: Observable<unknown>;
};

/**
 * What makes each live read stale: the collections it reads (local writes and sync pulls both
 * arrive through RxDB's change streams) and the background jobs whose results it shows. A new
 * live read is its name in LIVE_REQUEST_NAMES plus one line here.
 */
export function liveTriggers(db: CrmDatabase, jobs: BackgroundJobs): LiveTriggers {
  const on = (...names: CrmCollectionName[]): Observable<unknown> => merge(...names.map((name) => db.collections[name].eventBulks$));
  return {
    // A list filtered by a saved segment changes with the records the segment reads.
    'accounts.list': merge(on('accounts'), jobs.segmentsChanged$ ?? EMPTY),
    'accounts.summary': on('accounts', 'contacts', 'activities', 'opportunities', 'sales_docs', 'cases'),
    'contacts.list': merge(on('contacts', 'accounts'), jobs.segmentsChanged$ ?? EMPTY),
    'accounts.get': on('accounts'),
    'accounts.deals': on('opportunities'),
    'accounts.timeline': on('activities', 'opportunities', 'sales_docs', 'cases', 'marketing'),
    'contacts.get': on('contacts', 'accounts'),
    // Pairs come from both collections (a contact's subtitle is its account's name); owner names from org.
    'duplicates.queue': on('accounts', 'contacts', 'org'),
    'activities.list': on('activities'),
    'leads.list': on('leads'),
    'leads.get': on('leads'),
    'opportunities.list': on('opportunities', 'accounts'),
    'opportunities.board': on('opportunities', 'accounts'),
    'opportunities.get': on('opportunities'),
    'quotes.forOpportunity': on('sales_docs'),
    'agenda.today': on('activities', 'opportunities', 'leads', 'accounts'),
    'reports.salesDashboard': merge(on('opportunities', 'accounts', 'org'), jobs.forecastReady$),
    'analytics.winProbabilities': jobs.winModelChanged$,
    'catalog.products': on('catalog'),
    'catalog.product': on('catalog'),
    'catalog.priceBooks': on('catalog'),
    // The role comes from the sign-in session; a user record synced in may change what the screens offer.
    'org.access': on('org'),
    'quotas.forPeriod': on('org'),
    // SLA state also depends on policies and calendars, which live in the knowledge collection.
    'cases.list': on('cases', 'knowledge', 'accounts'),
    'cases.queueCounts': on('cases', 'knowledge', 'accounts'),
    'cases.get': on('cases', 'knowledge', 'activities', 'surveys', 'accounts', 'contacts'),
    'cases.forAccount': on('cases', 'knowledge'),
    // Helpful and linked counts come from the cases.
    'knowledge.list': on('knowledge', 'cases'),
    'knowledge.get': on('knowledge', 'cases'),
    'knowledge.categories': on('knowledge'),
    'knowledge.suggest': on('knowledge', 'cases'),
    'service.settings': on('knowledge', 'org'),
    'surveys.forAccount': on('surveys'),
    'service.dashboard': on('cases', 'surveys', 'knowledge', 'accounts'),
    // Insight answers come from the last run; a run follows (debounced) every change they read.
    'insight.account': jobs.insightChanged$,
    'insight.dashboard': jobs.insightChanged$,
    'insight.model': jobs.insightChanged$,
    'discover.segments': jobs.insightChanged$,
    // Segment sizes follow the segment engine (accounts, contacts, activities and insight runs).
    'marketing.dashboard': merge(on('marketing', 'leads', 'opportunities'), jobs.segmentsChanged$ ?? EMPTY),
    // Figures move with campaigns and members (marketing), won deals and converted or captured leads;
    // the figures source recomputes once per change, so an unrelated write costs a cached answer.
    'campaigns.list': on('marketing', 'opportunities', 'leads', 'org'),
    'campaigns.get': on('marketing', 'opportunities', 'leads', 'org'),
    'campaigns.members': on('marketing', 'contacts', 'leads', 'accounts'),
    'campaigns.options': on('marketing'),
    'templates.list': on('marketing'),
    'templates.get': on('marketing'),
    // Sizes follow every record the segment index reads; the live layer debounces the bursts.
    'segments.list': merge(on('marketing'), jobs.segmentsChanged$ ?? EMPTY),
    'segments.get': merge(on('marketing'), jobs.segmentsChanged$ ?? EMPTY),
    // Campaign and account names come with each message.
    'outbox.list': on('marketing', 'accounts'),
    'outbox.counts': on('marketing'),
  };
}
