import { ok, type AppInfo } from '../../../shared/contract';
import type { SearchIndex } from '../search';
import { defineHandlers } from './dispatcher';

/** Requests that belong to the app as a whole rather than to one domain. */
export function createCoreHandlers(deps: { readonly info: () => AppInfo; readonly search: () => SearchIndex }) {
  return defineHandlers({
    'app.info': async () => ok(deps.info()),
    'search.global': async ({ text, types, limit }) => ok({ hits: deps.search().search(text, { types, limit }) }),
  });
}
