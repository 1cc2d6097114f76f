/** Top-level areas, in sidebar order. `ready: false` areas show a "coming soon" page. */
export const NAV_ITEMS = [
  { id: 'customers', path: '/customers', ready: true },
  { id: 'sales', path: '/sales', ready: true },
  { id: 'marketing', path: '/marketing', ready: false },
  { id: 'service', path: '/service', ready: true },
  { id: 'reports', path: '/reports', ready: true },
] as const;

export type NavId = (typeof NAV_ITEMS)[number]['id'];
