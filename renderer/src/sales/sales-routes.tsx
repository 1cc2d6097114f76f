import type { RouteObject } from 'react-router';
import { SalesLayout } from './SalesLayout';

/**
 * The sales screens under one layout (tabs). Pathless with full paths, so `/sales` itself and the
 * dashboard (renderer/src/sales/dashboard) stay separate routes in App.tsx.
 */
export const salesRoute: RouteObject = {
  element: <SalesLayout />,
  children: [
    // Loaded on demand: the board brings dnd-kit, which the first screen does not need.
    { path: 'sales/pipeline', lazy: async () => ({ Component: (await import('./pipeline/PipelinePage')).PipelinePage }) },
    { path: 'sales/opportunities', lazy: async () => ({ Component: (await import('./opportunity/OpportunitiesPage')).OpportunitiesPage }) },
    { path: 'sales/opportunities/:id', lazy: async () => ({ Component: (await import('./opportunity/OpportunityPage')).OpportunityPage }) },
    { path: 'sales/leads', lazy: async () => ({ Component: (await import('./leads/LeadsPage')).LeadsPage }) },
    { path: 'sales/leads/:id', lazy: async () => ({ Component: (await import('./leads/LeadDetailPage')).LeadDetailPage }) },
    { path: 'sales/today', lazy: async () => ({ Component: (await import('./today/TodayPage')).TodayPage }) },
    { path: 'sales/products', lazy: async () => ({ Component: (await import('./catalog/ProductsPage')).ProductsPage }) },
    { path: 'sales/products/:id', lazy: async () => ({ Component: (await import('./catalog/ProductsPage')).ProductsPage }) },
    { path: 'sales/quotas', lazy: async () => ({ Component: (await import('./quotas/QuotasPage')).QuotasPage }) },
  ],
};
