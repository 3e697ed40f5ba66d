// Guards the signed-in part of the app: waits for the session, sends strangers to /login, shows failures.
import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Navigate, useLocation } from 'react-router';
import { Button } from '../../components/Button';
import { LogoMark } from '../../components/Logo';
import { Spinner } from '../../components/Spinner';
import { isApiError, describeError } from '../../lib/api-client';
import { sessionQueryOptions } from './api';
import { loginPathFor } from './redirect';
import { SessionContext } from './session';

export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const session = useQuery(sessionQueryOptions());

  if (session.isError) {
    if (isApiError(session.error) && session.error.status === 401) {
      const wantedPath = `${location.pathname}${location.search}${location.hash}`;
      return <Navigate to={loginPathFor(wantedPath)} replace />;
    }
    return (
      <SessionError
        description={describeError(session.error)}
        retrying={session.isFetching}
        onRetry={() => void session.refetch()}
      />
    );
  }

  if (!session.data) return <SessionLoading />;

  // Handed down by context rather than re-read from the cache: after sign-out empties the cache,
  // the pages still mounted for a moment keep rendering the session they had.
  return <SessionContext value={session.data}>{children}</SessionContext>;
}

function SessionLoading() {
  return (
    <div className="grid min-h-dvh place-items-center">
      <div role="status" className="flex flex-col items-center gap-4 text-slate-500">
        <LogoMark className="size-10" />
        <Spinner className="size-5" />
        <span className="sr-only">Loading your session…</span>
      </div>
    </div>
  );
}

function SessionError({
  description,
  retrying,
  onRetry,
}: {
  description: string;
  retrying: boolean;
  onRetry: () => void;
}) {
  return (
    <main id="main" className="grid min-h-dvh place-items-center px-6">
      <title>Cannot load · Tapeline</title>
      <div className="w-full max-w-md rounded-2xl bg-white p-8 text-center shadow-sm ring-1 ring-slate-200">
        <LogoMark className="mx-auto size-10" />
        <h1 className="mt-5 text-xl font-semibold tracking-tight text-slate-900">
          We couldn’t load Tapeline
        </h1>
        <p className="mt-2 text-[0.9375rem] text-slate-600">{description}</p>
        <Button className="mt-6" onClick={onRetry} pending={retrying}>
          {retrying ? 'Retrying…' : 'Retry'}
        </Button>
      </div>
    </main>
  );
}
