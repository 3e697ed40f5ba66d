import { createBrowserRouter, type RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { RequireAuth } from '../features/auth/RequireAuth';
import { DisputesPage } from '../features/disputes/DisputesPage';
import { HomePage } from '../features/home/HomePage';
import { ScorecardsPage } from '../features/scorecards/ScorecardsPage';
import { RouteErrorBoundary } from './ErrorBoundary';
import { Layout } from './Layout';
import { NotFoundPage } from './routes/NotFoundPage';
import { ReviewRoute } from './routes/ReviewRoute';
import { QaManagersOnly } from './routes/QaManagersOnly';
import { TimelineRoute } from './routes/TimelineRoute';

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
      { path: 'objects/:objectId/recordings/:activityId', element: <ReviewRoute /> },
      {
        path: 'disputes',
        element: (
          <QaManagersOnly>
            <DisputesPage />
          </QaManagersOnly>
        ),
      },
      {
        path: 'admin/scorecards',
        element: (
          <QaManagersOnly>
            <ScorecardsPage />
          </QaManagersOnly>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
