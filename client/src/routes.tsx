import { lazy, type ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppShell } from './features/auth/AppShell';

/** Lazy-loads a page module's named export, so each page is its own chunk. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return <Page />;
}

export { paths, DOMAIN_TABS, type DomainTab } from './paths';

export const routeTable: RouteObject[] = [
  {
    path: '/',
    element: <AppShell />,
    children: [
      { index: true, element: page(() => import('./pages/PortfolioPage'), 'PortfolioPage') },
      { path: 'domains/:key', element: page(() => import('./pages/DomainPage'), 'DomainPage') },
      { path: 'tickets/:ticketKey', element: page(() => import('./pages/TicketPage'), 'TicketPage') },
      {
        path: 'investigations/:id',
        element: page(() => import('./pages/InvestigationPage'), 'InvestigationPage'),
      },
      { path: 'weirdness', element: page(() => import('./pages/WeirdnessLogPage'), 'WeirdnessLogPage') },
      { path: 'reviews', element: page(() => import('./pages/ReviewsPage'), 'ReviewsPage') },
      { path: 'my-work', element: page(() => import('./pages/MyWorkPage'), 'MyWorkPage') },
      { path: 'admin/users', element: page(() => import('./pages/AdminUsersPage'), 'AdminUsersPage') },
      {
        path: 'admin/thresholds',
        element: page(() => import('./pages/AdminThresholdsPage'), 'AdminThresholdsPage'),
      },
      {
        path: 'admin/root-causes',
        element: page(() => import('./pages/AdminRootCausesPage'), 'AdminRootCausesPage'),
      },
      { path: 'admin/audit', element: page(() => import('./pages/AdminAuditPage'), 'AdminAuditPage') },
      {
        path: 'admin/webhooks',
        element: page(() => import('./pages/AdminWebhooksPage'), 'AdminWebhooksPage'),
      },
      { path: 'inbox', element: page(() => import('./pages/InboxPage'), 'InboxPage') },
      { path: '*', element: page(() => import('./pages/NotFoundPage'), 'NotFoundPage') },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routeTable);
}
