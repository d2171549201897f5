import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { AppShell } from './features/auth/AppShell';
import { Loading } from './components/States';

/**
 * Loads a page module's named export as the route's component, so each page is its own chunk.
 * The router loads it before it renders the route (route `lazy`), instead of React.lazy under a
 * Suspense boundary, whose reveal React 19 holds back by up to 300 ms.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return async () => ({ Component: (await load())[name] });
}

export const routeTable: RouteObject[] = [
  {
    path: '/',
    element: <AppShell />,
    // shown while the first page's module loads (its route is lazy), instead of nothing and a warning
    hydrateFallbackElement: <Loading label="Starting Cairn…" />,
    children: [
      { index: true, lazy: page(() => import('./pages/PortfolioPage'), 'PortfolioPage') },
      { path: 'domains/:key', lazy: page(() => import('./pages/DomainPage'), 'DomainPage') },
      { path: 'tickets/:ticketKey', lazy: page(() => import('./pages/TicketPage'), 'TicketPage') },
      {
        path: 'investigations/:id',
        lazy: page(() => import('./pages/InvestigationPage'), 'InvestigationPage'),
      },
      { path: 'catalog', lazy: page(() => import('./features/catalog/CatalogPage'), 'CatalogPage') },
      { path: 'catalog/:id', lazy: page(() => import('./features/catalog/ArtifactPage'), 'ArtifactPage') },
      { path: 'weirdness', lazy: page(() => import('./pages/WeirdnessLogPage'), 'WeirdnessLogPage') },
      { path: 'insights', lazy: page(() => import('./pages/InsightsPage'), 'InsightsPage') },
      { path: 'reviews', lazy: page(() => import('./pages/ReviewsPage'), 'ReviewsPage') },
      { path: 'my-work', lazy: page(() => import('./pages/MyWorkPage'), 'MyWorkPage') },
      { path: 'admin/users', lazy: page(() => import('./pages/AdminUsersPage'), 'AdminUsersPage') },
      {
        path: 'admin/thresholds',
        lazy: page(() => import('./pages/AdminThresholdsPage'), 'AdminThresholdsPage'),
      },
      {
        path: 'admin/root-causes',
        lazy: page(() => import('./pages/AdminRootCausesPage'), 'AdminRootCausesPage'),
      },
      { path: 'admin/audit', lazy: page(() => import('./pages/AdminAuditPage'), 'AdminAuditPage') },
      {
        path: 'admin/webhooks',
        lazy: page(() => import('./pages/AdminWebhooksPage'), 'AdminWebhooksPage'),
      },
      // where a failed single sign-on lands (/login?error=…); signed in, it is home
      { path: 'login', element: <Navigate to="/" replace /> },
      { path: 'admin/sources', lazy: page(() => import('./pages/AdminSourcesPage'), 'AdminSourcesPage') },
      { path: 'inbox', lazy: page(() => import('./pages/InboxPage'), 'InboxPage') },
      {
        path: 'settings/notifications',
        lazy: page(() => import('./pages/NotificationSettingsPage'), 'NotificationSettingsPage'),
      },
      { path: 'settings', lazy: page(() => import('./pages/SettingsPage'), 'SettingsPage') },
      { path: '*', lazy: page(() => import('./pages/NotFoundPage'), 'NotFoundPage') },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routeTable);
}
