import { z } from 'zod';
import type { Account } from '../schemas/accounts';
import type { Activity } from '../schemas/activities';
import type { Contact } from '../schemas/contacts';
import { accountListParamsSchema } from './customers/accounts-requests';
import { activityListParamsSchema } from './customers/activities-requests';
import { contactListParamsSchema } from './customers/contacts-requests';
import { request } from './define-request';
import type { ListWindow } from './paging';

/**
 * A live query is a list request the core re-runs whenever the collection behind it changes
 * (RxDB change stream, debounced) and pushes as a `live.changed` event. Only list requests can be
 * live: they are the ones whose answer depends on other people's writes.
 */
export const liveQuerySchema = z.discriminatedUnion('request', [
  z.strictObject({ request: z.literal('accounts.list'), params: accountListParamsSchema }),
  z.strictObject({ request: z.literal('contacts.list'), params: contactListParamsSchema }),
  z.strictObject({ request: z.literal('activities.list'), params: activityListParamsSchema }),
]);
export type LiveQuery = z.input<typeof liveQuerySchema>;

/** What each live request yields; `live.changed` carries the same shape. */
export type LiveResultMap = {
  readonly 'accounts.list': ListWindow<Account>;
  readonly 'contacts.list': ListWindow<Contact>;
  readonly 'activities.list': ListWindow<Activity>;
};
export type LiveRequestName = keyof LiveResultMap;

export type LiveResult = {
  [K in LiveRequestName]: { readonly request: K; readonly result: LiveResultMap[K] };
}[LiveRequestName];

const subscriptionIdSchema = z.string().min(1).max(64);

export const liveRequests = {
  'live.subscribe': request(z.strictObject({ query: liveQuerySchema })).returns<{ readonly subscriptionId: string } & LiveResult>(),
  'live.unsubscribe': request(z.strictObject({ subscriptionId: subscriptionIdSchema })).returns<{ readonly removed: boolean }>(),
} as const;
