import type { ReactNode } from 'react';
import type { NavId } from './nav-items';

// Simple 24px line icons drawn here, so the app ships no icon font and loads nothing remote.
const PATHS: Record<NavId, string> = {
  customers: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 10v-1a6 6 0 0 1 12 0v1M17 11a3 3 0 1 0 0-6M22 21v-1a5 5 0 0 0-4-4.9',
  sales: 'M3 17l6-6 4 4 8-8M14 7h7v7',
  marketing: 'M3 11v2a1 1 0 0 0 1 1h3l5 4V6L7 10H4a1 1 0 0 0-1 1Zm13-3a5 5 0 0 1 0 8M19 5a9 9 0 0 1 0 14',
  service:
    'M4 14v-2a8 8 0 0 1 16 0v2M4 14a2 2 0 0 0 2 2h1v-5H6a2 2 0 0 0-2 2Zm16 0a2 2 0 0 1-2 2h-1v-5h1a2 2 0 0 1 2 2Zm-3 2v1a3 3 0 0 1-3 3h-2',
  reports: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
};

export function NavIcon({ id }: { readonly id: NavId }) {
  return (
    <LineIcon>
      <path d={PATHS[id]} />
    </LineIcon>
  );
}

/** The sidebar's icon frame: a 20px, 24-unit line drawing in the text colour, hidden from assistive tech. */
export function LineIcon({ children }: { readonly children: ReactNode }) {
  return (
    <svg
      className="nav-icon"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}
