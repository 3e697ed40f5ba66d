import type { QueryClient } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { objectRecordingsQueryOptions } from '../api/activities';
import { LoginPage } from '../features/auth/LoginPage';
import { sessionQueryOptions } from '../features/auth/api';
import { RequireAuth } from '../features/auth/RequireAuth';
import { HomePage } from '../features/home/HomePage';
import { loadVideoPlayer } from '../features/review/load-video-player';
import { RouteErrorBoundary } from './ErrorBoundary';
import { Layout } from './Layout';
import { NotFoundPage } from './routes/NotFoundPage';

// The home page's own sections from other features load just after it, so its first paint waits for none.
const TrainingSection = lazy(async () => ({
  default: (await import('../features/playlists/TrainingSection')).TrainingSection,
}));
const SavedSearchesPanel = lazy(async () => ({
  default: (await import('../features/search/SavedSearchesPanel')).SavedSearchesPanel,
}));
const deferred = (section: ReactNode) => <Suspense fallback={null}>{section}</Suspense>;

// Home is where everyone starts; the timeline (with its virtualizer), search, the review page (with the
// player and the QA panel) and the QA managers' pages load on first visit, so the first page a person sees does
// not wait for them.
export const appRoutes = (queryClient: QueryClient): RouteObject[] => [
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorBoundary /> },
  // One-time links: the first administrator, and a new user's password.
  {
    path: '/setup/:token',
    lazy: async () => ({ Component: (await import('../features/auth/SetupPage')).SetupPage }),
    errorElement: <RouteErrorBoundary />,
  },
  {
    path: '/set-password/:token',
    lazy: async () => ({ Component: (await import('../features/auth/SetPasswordPage')).SetPasswordPage }),
    errorElement: <RouteErrorBoundary />,
  },
  {
    path: '/join/:token',
    errorElement: <RouteErrorBoundary />,
    lazy: async () => ({ Component: (await import('../features/calls/JoinPage')).JoinPage }),
  },
  {
    element: (
      <RequireAuth>
        <Layout />
      </RequireAuth>
    ),
    // The router renders once a page's code has arrived; the session is asked for meanwhile, not after.
    loader: () => {
      void queryClient.prefetchQuery(sessionQueryOptions()).catch(() => undefined);
      return null;
    },
    // Until then the page stays empty (a spinner would only flash): said so, as a route with a loader must.
    HydrateFallback: () => null,
    errorElement: <RouteErrorBoundary />,
    children: [
      {
        index: true,
        element: (
          <HomePage
            training={deferred(<TrainingSection />)}
            savedSearches={deferred(<SavedSearchesPanel />)}
          />
        ),
      },
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
        // The first frame is what a reviewer waits for: the recording's data and the player's code are
        // fetched at once, in parallel with the page's code, instead of one after the other.
        loader: ({ params }) => {
          void queryClient
            .prefetchQuery(objectRecordingsQueryOptions(params.objectId!))
            .catch(() => undefined);
          void loadVideoPlayer().catch(() => undefined);
          return null;
        },
        lazy: async () => ({ Component: (await import('./routes/ReviewRoute')).ReviewRoute }),
      },
      {
        path: 'playlists',
        lazy: async () => ({ Component: (await import('./routes/PlaylistPages')).PlaylistsRoute }),
      },
      {
        path: 'playlists/:id',
        lazy: async () => ({ Component: (await import('./routes/PlaylistPages')).PlaylistRoute }),
      },
      {
        path: 'playlists/:id/play',
        lazy: async () => ({ Component: (await import('./routes/PlaylistPages')).PlaylistPlayRoute }),
      },
      {
        path: 'objects/:objectId/call',
        lazy: async () => ({ Component: (await import('./routes/CallRoute')).CallRoute }),
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
        path: 'admin/audit',
        lazy: async () => ({ Component: (await import('./routes/CompliancePages')).AuditRoute }),
      },
      {
        path: 'admin/retention',
        lazy: async () => ({ Component: (await import('./routes/CompliancePages')).RetentionRoute }),
      },
      {
        path: 'admin/users',
        lazy: async () => ({ Component: (await import('./routes/AdminPages')).UsersRoute }),
      },
      {
        path: 'admin/teams',
        lazy: async () => ({ Component: (await import('./routes/AdminPages')).TeamsRoute }),
      },
      {
        path: 'profile',
        lazy: async () => ({ Component: (await import('../features/account/ProfilePage')).ProfilePage }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter(queryClient: QueryClient) {
  return createBrowserRouter(appRoutes(queryClient));
}
