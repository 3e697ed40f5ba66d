// Renders routes the way the app does (data router + a fresh query client), starting at a given URL.
import type { ReactElement } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, useLocation, type RouteObject } from 'react-router';
import { createQueryClient } from '../lib/query-client';

export function renderRoutes(
  routes: RouteObject[],
  { url = '/', queryClient = createQueryClient() }: { url?: string; queryClient?: QueryClient } = {},
) {
  // Same retry policy as the app, without the back-off delays.
  queryClient.setDefaultOptions({
    ...queryClient.getDefaultOptions(),
    queries: { ...queryClient.getDefaultOptions().queries, retryDelay: 0 },
  });
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...result, router, queryClient };
}

/** A stand-in page that shows where the router ended up. */
export function LocationProbe({ label }: { label: string }): ReactElement {
  const location = useLocation();
  return (
    <p>
      {label} at {location.pathname}
      {location.search}
    </p>
  );
}
