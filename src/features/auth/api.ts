// The session: who is signed in, signing in and out. The session query is the single source of truth.
import {
  hashKey,
  queryOptions,
  useMutation,
  useQueryClient,
  type Query,
  type QueryClient,
} from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import * as z from 'zod/mini';
import { sessionSchema, signInOptionsSchema, type LoginRequest, type Session } from '../../../contract/auth';
import type { SetPasswordRequest, SetupRequest } from '../../../contract/users';
import { apiGet, apiPost, isApiError, setCsrfToken } from '../../lib/api-client';

const sessionKey = ['session'] as const;

export async function getSession({ signal }: { signal?: AbortSignal } = {}): Promise<Session> {
  const session = await apiGet('/api/me', sessionSchema, { signal });
  setCsrfToken(session.csrfToken);
  return session;
}

export function sessionQueryOptions() {
  return queryOptions({
    queryKey: sessionKey,
    queryFn: ({ signal }) => getSession({ signal }),
    // Refreshed on window focus once stale, so signing out in another tab shows up here.
    staleTime: 5 * 60_000,
  });
}

/**
 * Another query answered 401, so the session has ended while the app was open: re-check it, and
 * <RequireAuth> sends the user to sign in (and back here afterwards).
 */
export function recheckSessionAfterUnauthorized(
  queryClient: QueryClient,
  failedQuery: Query<unknown, unknown, unknown>,
): void {
  if (failedQuery.queryHash === hashKey(sessionKey)) return;
  void queryClient.invalidateQueries({ queryKey: sessionKey, exact: true });
}

/** How this deployment lets people sign in (password, single sign-on), for the login page. */
export function signInOptionsQueryOptions() {
  return queryOptions({
    queryKey: ['auth', 'options'],
    queryFn: ({ signal }) => apiGet('/api/auth/options', signInOptionsSchema, { signal }),
    staleTime: Infinity,
  });
}

/** A mutation that ends signed in: by password, or through a setup or set-password link. */
function useSigningIn<Input>(path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => apiPost(path, input, sessionSchema),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      // Nothing cached before signing in belongs to this user (it may be another user's).
      queryClient.removeQueries();
      queryClient.setQueryData(sessionKey, session);
    },
  });
}

export const useLogin = () => useSigningIn<LoginRequest>('/api/auth/login');
/** The first administrator, through the setup link the server printed at start. */
export const useSetup = () => useSigningIn<SetupRequest>('/api/setup');
/** One's own password, through a one-time set-password link. */
export const useSetPassword = () => useSigningIn<SetPasswordRequest>('/api/set-password');

export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  async function signedOut() {
    setCsrfToken(null);
    // Leave the signed-in pages before emptying the cache, so they do not start fetching again.
    await navigate('/login', { replace: true });
    queryClient.clear();
  }
  return useMutation({
    mutationFn: () => apiPost('/api/auth/logout', undefined, z.unknown()),
    onSuccess: signedOut,
    // 401: the session had already ended, which is what the user asked for.
    onError: (error) => (isApiError(error) && error.status === 401 ? signedOut() : undefined),
  });
}
