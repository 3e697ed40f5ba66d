import { createBrowserRouter, type RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { RequireAuth } from '../features/auth/RequireAuth';
import { DisputesPage } from '../features/disputes/DisputesPage';
import { HomePage } from '../features/home/HomePage';
import { ReviewPage } from '../features/review/ReviewPage';
import { ScorecardsPage } from '../features/scorecards/ScorecardsPage';
import { TimelinePage } from '../features/timeline/TimelinePage';
import { RouteErrorBoundary } from './ErrorBoundary';
import { Layout } from './Layout';
import { NotFoundPage } from './routes/NotFoundPage';

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
      { path: 'objects/:objectId', element: <TimelinePage /> },
      { path: 'objects/:objectId/recordings/:activityId', element: <ReviewPage /> },
      { path: 'disputes', element: <DisputesPage /> },
      { path: 'admin/scorecards', element: <ScorecardsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
