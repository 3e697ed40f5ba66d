import { createBrowserRouter, type RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { RequireAuth } from '../features/auth/RequireAuth';
import { HomePage } from '../features/home/HomePage';
import { RouteErrorBoundary } from './ErrorBoundary';
import { Layout } from './Layout';
import { NotFoundPage } from './routes/NotFoundPage';
import { TimelineRoute } from './routes/TimelineRoute';

// Home and the timeline are where everyone starts; the review page (with the QA panel) and the QA
// managers' pages load on first visit, so the first page a person sees does not wait for them.
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
      { index: true, element: <HomePage /> },
      { path: 'objects/:objectId', element: <TimelineRoute /> },
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
      {
        path: 'admin/users',
        lazy: async () => ({ Component: (await import('./routes/AdminPages')).UsersRoute }),
      },
      {
        path: 'profile',
        lazy: async () => ({ Component: (await import('../features/account/ProfilePage')).ProfilePage }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
