import { createBrowserRouter, type RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { RequireAuth } from '../features/auth/RequireAuth';
import { HomePage } from '../features/home/HomePage';
import { SavedSearchesPanel } from '../features/search/SavedSearchesPanel';
import { RouteErrorBoundary } from './ErrorBoundary';
import { Layout } from './Layout';
import { NotFoundPage } from './routes/NotFoundPage';

// Home is where everyone starts; the timeline (with its virtualizer), search, the review page (with the
// player and the QA panel) and the QA managers' pages load on first visit, so the first page a person sees does
// not wait for them.
export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorBoundary /> },
  {
    element: (
      <RequireAuth>
        <Layout />
      </RequireAuth>
    ),
    errorElement: <RouteErrorBoundary />,
    children: [
      { index: true, element: <HomePage savedSearches={<SavedSearchesPanel />} /> },
      {
        path: 'search',
        lazy: async () => ({ Component: (await import('../features/search/SearchPage')).SearchPage }),
      },
      {
        path: 'objects/:objectId',
        lazy: async () => ({ Component: (await import('./routes/TimelineRoute')).TimelineRoute }),
      },
      {
        path: 'objects/:objectId/recordings/:activityId',
        lazy: async () => ({ Component: (await import('./routes/ReviewRoute')).ReviewRoute }),
      },
      {
        path: 'disputes',
        lazy: async () => ({ Component: (await import('./routes/QaManagerPages')).DisputesRoute }),
      },
      {
        path: 'admin/scorecards',
        lazy: async () => ({ Component: (await import('./routes/QaManagerPages')).ScorecardsRoute }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
