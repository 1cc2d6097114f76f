import { useEffect, type ComponentType } from 'react';
import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import { AccountsPage } from '../customers/AccountsPage';
import { CustomersLayout } from '../customers/CustomersLayout';
import type { PrefsApi } from '../prefs/prefs-api';
import { PrefsProvider } from '../prefs/prefs-context';
import { salesRoute } from '../sales/sales-routes';
import { syncRoutes } from '../sync/sync-routes';
import { useUiStore } from '../state/ui-store';
import { ClientProvider } from '../transport/client-context';
import { ToastHost } from '../common/ToastHost';
import type { CrmClient } from '../transport/crm-client';
import { AppShell } from './AppShell';
import { marketingRoute } from '../marketing/marketing-routes';
import { serviceRoute } from '../service/service-routes';
import { RouteError } from './RouteError';

/**
 * Screens outside the first view load on demand (Chart.js, dnd-kit, the print pages), so the
 * accounts list — what a rep sees first — paints without waiting for code it does not use.
 */
const page =
  <M,>(load: () => Promise<M>, pick: (module: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });

// Hash routes: they work under file:// in Electron and need no server rewrites in the browser host.
const router = createHashRouter([
  {
    path: '/',
    element: <AppShell />,
    // A screen that fails to load (a chunk gone after an update) or to render shows words and a reload.
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/customers/accounts" replace /> },
      {
        path: 'customers',
        element: <CustomersLayout />,
        children: [
          { index: true, element: <Navigate to="accounts" replace /> },
          { path: 'accounts', element: <AccountsPage /> },
          {
            path: 'accounts/new',
            lazy: page(
              () => import('../customers/forms/AccountFormPage'),
              (m) => m.AccountFormPage,
            ),
          },
          {
            path: 'accounts/:id',
            lazy: page(
              () => import('../customers/AccountDetailPage'),
              (m) => m.AccountDetailPage,
            ),
          },
          {
            path: 'accounts/:id/edit',
            lazy: page(
              () => import('../customers/forms/AccountFormPage'),
              (m) => m.AccountFormPage,
            ),
          },
          {
            path: 'contacts',
            lazy: page(
              () => import('../customers/ContactsPage'),
              (m) => m.ContactsPage,
            ),
          },
          {
            path: 'contacts/:id',
            lazy: page(
              () => import('../customers/ContactDetailPage'),
              (m) => m.ContactDetailPage,
            ),
          },
          {
            path: 'insights',
            lazy: page(
              () => import('../insight/CustomersInsightPage'),
              (m) => m.CustomersInsightPage,
            ),
          },
          {
            path: 'insights/model',
            lazy: page(
              () => import('../insight/InsightModelPage'),
              (m) => m.InsightModelPage,
            ),
          },
          {
            path: 'duplicates',
            lazy: page(
              () => import('../customers/duplicates/DuplicatesPage'),
              (m) => m.DuplicatesPage,
            ),
          },
          {
            path: 'duplicates/merge',
            lazy: page(
              () => import('../customers/duplicates/MergePage'),
              (m) => m.MergePage,
            ),
          },
        ],
      },
      { path: 'sales', element: <Navigate to="/sales/pipeline" replace /> },
      {
        path: 'sales/dashboard',
        lazy: page(
          () => import('../sales/dashboard/DashboardPage'),
          (m) => m.DashboardPage,
        ),
      },
      salesRoute,
      { path: 'marketing', element: <Navigate to="/marketing/campaigns" replace /> },
      marketingRoute,
      { path: 'service', element: <Navigate to="/service/cases" replace /> },
      serviceRoute,
      {
        path: 'reports',
        lazy: page(
          () => import('../reports/ReportsPage'),
          (m) => m.ReportsPage,
        ),
      },
      ...syncRoutes,
      {
        path: 'settings',
        lazy: page(
          () => import('./settings/SettingsPage'),
          (m) => m.SettingsPage,
        ),
      },
      { path: '*', element: <Navigate to="/customers/accounts" replace /> },
    ],
  },
  // Print routes sit outside the shell: the host prints exactly the report, no sidebar or header.
  {
    path: '/print/pipeline',
    lazy: page(
      () => import('../reports/print/PipelinePrintPage'),
      (m) => m.PipelinePrintPage,
    ),
  },
  {
    path: '/print/service',
    lazy: page(
      () => import('../service/dashboard/ServicePrintPage'),
      (m) => m.ServicePrintPage,
    ),
  },
  {
    path: '/print/campaign',
    lazy: page(
      () => import('../marketing/dashboard/CampaignPrintPage'),
      (m) => m.CampaignPrintPage,
    ),
  },
  {
    path: '/print/quote/:id',
    lazy: page(
      () => import('../reports/print/QuotePrintPage'),
      (m) => m.QuotePrintPage,
    ),
  },
]);

export function App({ client, prefs }: { readonly client: CrmClient; readonly prefs: PrefsApi }) {
  const setConnection = useUiStore((state) => state.setConnection);
  useEffect(() => client.onConnectionChange(setConnection), [client, setConnection]);
  return (
    <ClientProvider client={client}>
      <PrefsProvider prefs={prefs}>
        <RouterProvider router={router} />
        <ToastHost />
      </PrefsProvider>
    </ClientProvider>
  );
}
