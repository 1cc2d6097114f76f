import type { RouteObject } from 'react-router';
import { MarketingLayout } from './MarketingLayout';

/** The marketing screens under one layout (tabs); `/marketing` itself redirects in App.tsx. */
export const marketingRoute: RouteObject = {
  element: <MarketingLayout />,
  children: [
    { path: 'marketing/campaigns', lazy: async () => ({ Component: (await import('./campaigns/CampaignsPage')).CampaignsPage }) },
    { path: 'marketing/campaigns/:id', lazy: async () => ({ Component: (await import('./campaigns/CampaignPage')).CampaignPage }) },
    { path: 'marketing/segments', lazy: async () => ({ Component: (await import('./segments/SegmentsPage')).SegmentsPage }) },
    { path: 'marketing/segments/:id', lazy: async () => ({ Component: (await import('./segments/SegmentPage')).SegmentPage }) },
    { path: 'marketing/discover', lazy: async () => ({ Component: (await import('./discover/DiscoverPage')).DiscoverPage }) },
    { path: 'marketing/templates', lazy: async () => ({ Component: (await import('./email/TemplatesPage')).TemplatesPage }) },
    { path: 'marketing/templates/:id', lazy: async () => ({ Component: (await import('./email/TemplatePage')).TemplatePage }) },
    { path: 'marketing/outbox', lazy: async () => ({ Component: (await import('./email/OutboxPage')).OutboxPage }) },
    {
      path: 'marketing/dashboard',
      lazy: async () => ({ Component: (await import('./dashboard/MarketingDashboardPage')).MarketingDashboardPage }),
    },
  ],
};
