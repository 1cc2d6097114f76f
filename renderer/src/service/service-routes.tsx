import type { RouteObject } from 'react-router';
import { ServiceLayout } from './ServiceLayout';

/** The service screens under one layout (tabs); `/service` itself redirects in App.tsx. */
export const serviceRoute: RouteObject = {
  element: <ServiceLayout />,
  children: [
    { path: 'service/cases', lazy: async () => ({ Component: (await import('./cases/CasesPage')).CasesPage }) },
    { path: 'service/cases/:id', lazy: async () => ({ Component: (await import('./cases/CasePage')).CasePage }) },
    { path: 'service/knowledge', lazy: async () => ({ Component: (await import('./knowledge/KnowledgePage')).KnowledgePage }) },
    { path: 'service/knowledge/:id', lazy: async () => ({ Component: (await import('./knowledge/ArticlePage')).ArticlePage }) },
    {
      path: 'service/dashboard',
      lazy: async () => ({ Component: (await import('./dashboard/ServiceDashboardPage')).ServiceDashboardPage }),
    },
    { path: 'service/settings', lazy: async () => ({ Component: (await import('./settings/ServiceSettingsPage')).ServiceSettingsPage }) },
  ],
};
