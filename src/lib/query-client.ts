// The configured TanStack Query client: how long data stays fresh and which failures are worth retrying.
import { QueryCache, QueryClient, type Query } from '@tanstack/react-query';
import { isApiError } from './api-client';

const MAX_RETRIES = 2;

/** 4xx answers and contract violations will fail the same way again; 5xx and network failures may not. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error)) {
    if (error.kind === 'invalid-response') return false;
    if (error.status >= 400 && error.status < 500) return false;
  }
  return failureCount < MAX_RETRIES;
}

type QueryClientOptions = {
  /** Called when any query answers 401: the session has ended while the app was open. */
  onUnauthorized?: (query: Query<unknown, unknown, unknown>) => void;
};

export function createQueryClient({ onUnauthorized }: QueryClientOptions = {}): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isApiError(error) && error.status === 401) onUnauthorized?.(query);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: shouldRetry,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}
