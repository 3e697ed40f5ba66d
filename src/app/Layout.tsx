// The signed-in shell: skip link, header with product, navigation and the user, then the page.
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, Outlet } from 'react-router';
import { Button } from '../components/Button';
import { Logo } from '../components/Logo';
import { StatusNotice } from '../components/StatusNotice';
import { onRejectedItems } from '../lib/contract-notices';
import { useLogout } from '../features/auth/api';
import { useSession } from '../features/auth/session';
import { mayCall } from '../../contract/permissions';
import { fullName, roleLabel } from '../features/auth/roles';
import { formatCount } from '../lib/format';
import { PrimaryNav } from './PrimaryNav';

// Only those who record calls can have left one behind; the others never load it.
const RecordingRecovery = lazy(async () => ({
  default: (await import('../features/calls/RecordingRecovery')).RecordingRecovery,
}));

export function Layout() {
  const { user } = useSession();
  const logout = useLogout();
  const name = fullName(user);
  const rejectedItems = useRejectedItemsNotice();

  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-lg bg-white px-4 py-2 text-sm font-semibold text-brand-800 shadow-lg ring-1 ring-slate-200 focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:px-4 focus:py-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex h-16 max-w-7xl items-center gap-8 px-4 sm:px-6 lg:px-8">
          <Link to="/" className="rounded-lg">
            <Logo />
          </Link>
          <PrimaryNav
            user={user}
            account={
              <div className="flex items-center gap-4">
                <div className="leading-tight xl:text-right">
                  <p className="text-sm font-medium text-slate-900">
                    <Link
                      to="/profile"
                      title="Your profile"
                      className="rounded hover:text-brand-800 hover:underline"
                    >
                      {name}
                    </Link>
                  </p>
                  <p className="text-xs text-slate-500">{roleLabel(user.role)}</p>
                </div>
                <span
                  aria-hidden="true"
                  className="order-first grid size-9 shrink-0 place-items-center rounded-full bg-brand-100 text-sm font-semibold text-brand-800 xl:order-none"
                >
                  {initials(user.first_name, user.last_name, user.username)}
                </span>
                <Button
                  variant="secondary"
                  className="ml-auto xl:ml-0"
                  pending={logout.isPending}
                  onClick={() => logout.mutate()}
                >
                  Sign out
                </Button>
              </div>
            }
          />
        </div>
        {logout.isError && (
          <p
            role="alert"
            className="border-t border-red-200 bg-red-50 px-4 py-2 text-center text-sm text-red-800"
          >
            Signing out failed: {logout.error.message}
          </p>
        )}
        <StatusNotice message={rejectedItems.message} onDismiss={rejectedItems.dismiss} />
        {mayCall(user) && (
          <Suspense fallback={null}>
            <RecordingRecovery />
          </Suspense>
        )}
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-8 sm:px-6 lg:px-8">
        <Outlet />
      </main>
    </div>
  );
}

function initials(firstName: string, lastName: string, username: string): string {
  const letters = `${firstName.charAt(0)}${lastName.charAt(0)}`.trim();
  return (letters || username.charAt(0)).toUpperCase();
}

/**
 * Items the server sent that the contract rejected, as one sentence. Counted per request, so a refetch
 * that rejects the same items again neither doubles the count nor brings back a dismissed notice.
 */
function useRejectedItemsNotice() {
  const [shown, setShown] = useState<ReadonlyMap<string, number>>(new Map());
  useEffect(() => {
    const known = new Map<string, number>();
    return onRejectedItems(({ source, count }) => {
      if (known.get(source) === count) return;
      known.set(source, count);
      setShown((current) => new Map(current).set(source, count));
    });
  }, []);

  let recordings = 0;
  let others = 0;
  for (const [source, count] of shown) {
    if (source.includes('/activities')) recordings += count;
    else others += count;
  }
  const parts = [
    recordings && formatCount(recordings, 'recording'),
    others && formatCount(others, 'conversation'),
  ].filter(Boolean);
  const message = parts.length
    ? `${parts.join(' and ')} from the server could not be shown (${recordings + others === 1 ? 'it' : 'they'} did not match the expected format).`
    : null;
  return { message, dismiss: () => setShown(new Map()) };
}
