import { useState, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createQueryClient } from '../lib/query-client';
import { recheckSessionAfterUnauthorized } from '../features/auth/api';

/** The app's query client: a 401 from any query means the session ended, so the session is re-checked. */
export function createAppQueryClient(): QueryClient {
  const queryClient = createQueryClient({
    onUnauthorized: (query) => recheckSessionAfterUnauthorized(queryClient, query),
  });
  return queryClient;
}

/** `queryClient`: the one the router's loaders prefetch into (main.tsx); a fresh one otherwise. */
export function AppProviders({ children, client }: { children: ReactNode; client?: QueryClient }) {
  const [queryClient] = useState(() => client ?? createAppQueryClient());
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
