/**
 * Where a key moves the selection in a list of `total` rows with `page` rows on screen, or null
 * when the key is not a navigation key. Pure, so the keyboard behaviour is testable without a DOM.
 */
export function nextIndex(key: string, current: number, total: number, page: number): number | null {
  if (total === 0) return null;
  const last = total - 1;
  const from = Math.min(Math.max(current, -1), last);
  switch (key) {
    case 'ArrowDown':
      return Math.min(from + 1, last);
    case 'ArrowUp':
      return Math.max(from - 1, 0);
    case 'PageDown':
      return Math.min(Math.max(from, 0) + page, last);
    case 'PageUp':
      return Math.max(from - page, 0);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
