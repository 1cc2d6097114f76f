import type { RouteObject } from 'react-router';
import { AccountPage } from './AccountPage';
import { ConflictsPage } from './ConflictsPage';
import { SyncPage } from './SyncPage';

/** Child routes of the shell for the sync area; App.tsx spreads them into its route list. */
export const syncRoutes: RouteObject[] = [
  { path: 'sync', element: <SyncPage /> },
  { path: 'conflicts', element: <ConflictsPage /> },
  { path: 'account', element: <AccountPage /> },
];
