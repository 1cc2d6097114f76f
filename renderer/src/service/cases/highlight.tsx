import type { ReactNode } from 'react';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../../shared/contract/service/knowledge-requests';

/** A search snippet with its matches in <mark>: the core marks them with two control characters, never HTML. */
export function Highlighted({ text }: { readonly text: string }) {
  const parts: ReactNode[] = [];
  let rest = text;
  let key = 0;
  while (rest.length > 0) {
    const start = rest.indexOf(HIGHLIGHT_START);
    if (start < 0) {
      parts.push(rest);
      break;
    }
    if (start > 0) parts.push(rest.slice(0, start));
    const end = rest.indexOf(HIGHLIGHT_END, start + 1);
    const marked = rest.slice(start + 1, end < 0 ? undefined : end);
    parts.push(<mark key={key++}>{marked}</mark>);
    rest = end < 0 ? '' : rest.slice(end + 1);
  }
  return <>{parts}</>;
}
