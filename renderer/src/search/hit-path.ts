import type { SearchHit } from '../../../shared/contract';

/** Where a search result opens. Areas without screens yet land on their "coming soon" page. */
export function hitPath(hit: SearchHit): string {
  const id = encodeURIComponent(hit.id);
  switch (hit.type) {
    case 'account':
      return `/customers/accounts/${id}`;
    case 'contact':
      return `/customers/contacts?selected=${id}`;
    case 'lead':
      return `/marketing?lead=${id}`;
    case 'opportunity':
      return `/sales?opportunity=${id}`;
  }
}
