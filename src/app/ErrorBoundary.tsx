// What a route shows when rendering it threw: a calm message and a way out, never a blank page.
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { Button } from '../components/Button';
import { LogoMark } from '../components/Logo';

export function RouteErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  if (!notFound) console.error(error);

  return (
    <main id="main" className="grid min-h-dvh place-items-center px-6">
      <title>{notFound ? 'Page not found · Tapeline' : 'Something went wrong · Tapeline'}</title>
      <div className="w-full max-w-md text-center">
        <LogoMark className="mx-auto size-10" />
        <h1 className="mt-6 text-2xl font-semibold tracking-tight text-slate-900">
          {notFound ? 'Page not found' : 'Something went wrong'}
        </h1>
        <p className="mt-3 text-[0.9375rem] text-slate-600">
          {notFound
            ? 'There is nothing at this address.'
            : 'Tapeline hit an unexpected problem showing this page. Reloading usually fixes it; your work on the server is safe.'}
        </p>
        <div className="mt-8 flex justify-center gap-3">
          <Button onClick={() => window.location.reload()}>Reload the page</Button>
          <Link
            to="/"
            reloadDocument
            className="inline-flex items-center rounded-lg px-3.5 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-100"
          >
            Go to your queue
          </Link>
        </div>
      </div>
    </main>
  );
}
