import { ButtonLink } from '../../components/Button';

export function NotFoundPage() {
  return (
    <div className="py-16 text-center">
      <title>Page not found · Tapeline</title>
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Page not found</h1>
      <p className="mt-3 text-[0.9375rem] text-slate-600">
        The page you asked for does not exist, or it has moved.
      </p>
      <ButtonLink to="/" className="mt-8">
        Go to your queue
      </ButtonLink>
    </div>
  );
}
