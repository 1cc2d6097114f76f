import type { SearchHit } from '../../../shared/contract';

/** Where a search result opens: the record's own page. */
export function hitPath(hit: SearchHit): string {
  const id = encodeURIComponent(hit.id);
  switch (hit.type) {
    case 'account':
      return `/customers/accounts/${id}`;
    case 'contact':
      return `/customers/contacts/${id}`;
    case 'lead':
      return `/sales/leads/${id}`;
    case 'opportunity':
      return `/sales/opportunities/${id}`;
    case 'article':
      return `/service/knowledge/${id}`;
  }
}
