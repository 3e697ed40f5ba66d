// /login: the sign-in form; afterwards the user lands where they were going.
import { useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { loginRequestSchema, type LoginRequest } from '../../../contract/auth';
import { Button } from '../../components/Button';
import { Logo } from '../../components/Logo';
import { TextField } from '../../components/FormField';
import { apiUrl, isApiError } from '../../lib/api-client';
import { signInOptionsQueryOptions, useLogin } from './api';
import { pathAfterLogin } from './redirect';

type FieldErrors = Partial<Record<keyof LoginRequest, string>>;

export function LoginPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const login = useLogin();
  // Until the options arrive (or if they cannot), the password form shows: it is the default.
  const options = useQuery(signInOptionsQueryOptions()).data ?? { password: true, sso: null };
  const ssoError = new URLSearchParams(location.search).get('ssoError');
  const destination = pathAfterLogin(location.search, location.state);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = loginRequestSchema.safeParse({
      username: String(form.get('username') ?? ''),
      password: String(form.get('password') ?? ''),
    });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === 'username' || field === 'password') && !errors[field]) errors[field] = issue.message;
      }
      setFieldErrors(errors);
      (errors.username ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setFieldErrors({});
    login.mutate(parsed.data, {
      onSuccess: () => navigate(destination, { replace: true }),
    });
  }

  const serverError = login.error
    ? isApiError(login.error)
      ? login.error.description
      : 'Signing in failed. Try again.'
    : ssoError;

  return (
    <div className="grid min-h-dvh lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
      <title>Sign in · Tapeline</title>
      <BrandPanel />
      <main id="main" className="flex items-center justify-center px-6 py-12 sm:px-10">
        <div className="w-full max-w-sm">
          <Logo className="mb-10 lg:hidden" />
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Sign in</h1>
          <p className="mt-2 text-[0.9375rem] text-slate-600">
            Welcome back. Sign in to review your team’s calls.
          </p>

          <div role="alert" className="mt-8">
            {serverError && (
              <p className="mb-5 flex gap-2.5 rounded-lg border border-red-200 bg-red-50 px-3.5 py-3 text-sm text-red-800">
                <svg viewBox="0 0 20 20" className="mt-px size-4 shrink-0 fill-red-600" aria-hidden="true">
                  <path d="M10 1.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17Zm-.9 4.4a.9.9 0 0 1 1.8 0v4.6a.9.9 0 0 1-1.8 0V5.9ZM10 15a1.1 1.1 0 1 1 0-2.2 1.1 1.1 0 0 1 0 2.2Z" />
                </svg>
                <span>{serverError}</span>
              </p>
            )}
          </div>
          {options.sso && (
            <a
              href={apiUrl(`/api/auth/oidc/login?returnTo=${encodeURIComponent(destination)}`)}
              className="flex w-full items-center justify-center gap-2 rounded-lg bg-brand-700 px-3.5 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-800"
            >
              {options.sso.label}
            </a>
          )}
          {options.sso && options.password && (
            <p className="my-6 flex items-center gap-3 text-xs text-slate-500 before:h-px before:flex-1 before:bg-slate-200 after:h-px after:flex-1 after:bg-slate-200">
              or with your password
            </p>
          )}
          {options.password && (
            <form className="space-y-5" onSubmit={handleSubmit} noValidate>
              <TextField
                ref={usernameRef}
                label="Username"
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                autoFocus
                required
                error={fieldErrors.username}
              />
              <TextField
                ref={passwordRef}
                label="Password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                error={fieldErrors.password}
              />
              <Button type="submit" pending={login.isPending} className="w-full py-2.5">
                {login.isPending ? 'Signing in…' : 'Sign in'}
              </Button>
            </form>
          )}

          <p className="mt-8 text-sm text-slate-500">
            {options.password
              ? 'Trouble signing in? Your Tapeline administrator can reset your password.'
              : 'Trouble signing in? Your organisation’s identity administrator can help.'}
          </p>
        </div>
      </main>
    </div>
  );
}

const highlights = [
  'Watch, score and annotate calls in one place',
  'Turn real conversations into training playlists',
  'Find the call behind any dispute in seconds',
];

function BrandPanel() {
  return (
    <aside
      aria-label="About Tapeline"
      className="relative hidden flex-col justify-between overflow-hidden bg-linear-to-br from-brand-800 via-brand-900 to-brand-950 p-12 text-white lg:flex"
    >
      <Logo tone="inverse" />
      <div className="relative max-w-md">
        <p className="text-3xl leading-tight font-semibold tracking-tight">Every call, ready for review.</p>
        <ul className="mt-8 space-y-4">
          {highlights.map((highlight) => (
            <li key={highlight} className="flex items-start gap-3 text-brand-100">
              <svg viewBox="0 0 20 20" className="mt-0.5 size-5 shrink-0 fill-brand-300" aria-hidden="true">
                <path d="M10 1.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17Zm3.9 6.3-4.6 5a.9.9 0 0 1-1.3 0l-2-2.1a.9.9 0 1 1 1.3-1.2l1.4 1.4 3.9-4.3a.9.9 0 0 1 1.3 1.2Z" />
              </svg>
              <span>{highlight}</span>
            </li>
          ))}
        </ul>
      </div>
      <p className="relative text-sm text-brand-200">Recorded calls for quality, training and compliance.</p>
      <Waveform />
    </aside>
  );
}

/** Decorative: a faint waveform along the panel's lower edge. */
function Waveform() {
  const bars = [
    8, 14, 22, 12, 30, 18, 40, 26, 16, 34, 48, 28, 20, 38, 24, 14, 30, 44, 22, 12, 26, 36, 18, 10,
  ];
  return (
    <svg
      viewBox={`0 0 ${bars.length * 12} 60`}
      className="pointer-events-none absolute inset-x-0 bottom-20 h-24 w-full opacity-15"
      preserveAspectRatio="none"
      aria-hidden="true"
    >
      {bars.map((height, index) => (
        <rect
          key={index}
          x={index * 12 + 3}
          y={30 - height / 2}
          width="6"
          height={height}
          rx="3"
          fill="#fff"
        />
      ))}
    </svg>
  );
}
