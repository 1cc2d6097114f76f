import type { RouteObject } from 'react-router';
import { LeadsPage } from './leads/LeadsPage';
import { OpportunitiesPage } from './opportunity/OpportunitiesPage';
import { OpportunityPage } from './opportunity/OpportunityPage';
import { PipelinePage } from './pipeline/PipelinePage';
import { SalesLayout } from './SalesLayout';
import { TodayPage } from './today/TodayPage';

/**
 * The sales screens under one layout (tabs). Pathless with full paths, so `/sales` itself and the
 * dashboard (renderer/src/sales/dashboard) stay separate routes in App.tsx.
 */
export const salesRoute: RouteObject = {
  element: <SalesLayout />,
  children: [
    { path: 'sales/pipeline', element: <PipelinePage /> },
    { path: 'sales/opportunities', element: <OpportunitiesPage /> },
    { path: 'sales/opportunities/:id', element: <OpportunityPage /> },
    { path: 'sales/leads', element: <LeadsPage /> },
    { path: 'sales/today', element: <TodayPage /> },
  ],
};
