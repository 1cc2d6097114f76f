/** A 14px line icon for a list toolbar button, in the text colour and hidden from assistive tech. */
export function ToolbarIcon({ d, strokeWidth = 1.5 }: { readonly d: string; readonly strokeWidth?: number }) {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path d={d} fill="none" stroke="currentColor" strokeWidth={strokeWidth} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
