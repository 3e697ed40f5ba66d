import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { apiPost } from '../../lib/api-client';
import * as z from 'zod/mini';
import { demoSession, envelope, errorEnvelope, server } from '../../test/server';
import { LocationProbe, renderRoutes } from '../../test/Rendering';
import { LoginPage } from './LoginPage';

function renderLogin(url = '/login') {
  return renderRoutes(
    [
      { path: '/login', element: <LoginPage /> },
      { path: '*', element: <LocationProbe label="Signed in" /> },
    ],
    { url },
  );
}

async function signIn(username = 'qa', password = 'tapeline') {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Username'), username);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return user;
}

describe('LoginPage', () => {
  it('has one heading, labelled fields and the username focused', () => {
    renderLogin();

    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByLabelText('Username')).toHaveFocus();
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'password');
  });

  it('sends the credentials and remembers the CSRF token of the session', async () => {
    let body: unknown;
    let csrfOnNextWrite: string | null = null;
    server.use(
      http.post('/api/auth/login', async ({ request }) => {
        body = await request.json();
        return envelope(demoSession);
      }),
      http.post('/api/echo', ({ request }) => {
        csrfOnNextWrite = request.headers.get('X-CSRF-Token');
        return envelope(null);
      }),
    );
    renderLogin();

    await signIn('  qa ', 'tapeline');

    expect(await screen.findByText('Signed in at /')).toBeInTheDocument();
    expect(body).toEqual({ username: 'qa', password: 'tapeline' });
    await apiPost('/api/echo', {}, z.null());
    expect(csrfOnNextWrite).toBe(demoSession.csrfToken);
  });

  it("shows the server's description when the credentials are wrong", async () => {
    server.use(http.post('/api/auth/login', () => errorEnvelope(401, 'Wrong username or password.')));
    renderLogin();

    await signIn('qa', 'nope');

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.');
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('tells the user when the server is out of reach', async () => {
    server.use(http.post('/api/auth/login', () => Response.error()));
    renderLogin();

    await signIn();

    expect(await screen.findByRole('alert')).toHaveTextContent(/Cannot reach the server/);
  });

  it('shows a pending state while signing in, and cannot be submitted twice', async () => {
    let calls = 0;
    let answer: () => void = () => {};
    server.use(
      http.post('/api/auth/login', async () => {
        calls += 1;
        await new Promise<void>((resolve) => (answer = resolve));
        return envelope(demoSession);
      }),
    );
    renderLogin();

    const user = await signIn();

    const pendingButton = await screen.findByRole('button', { name: 'Signing in…' });
    expect(pendingButton).toBeDisabled();
    await user.click(pendingButton);
    answer();
    expect(await screen.findByText('Signed in at /')).toBeInTheDocument();
    expect(calls).toBe(1);
  });

  it('goes to the page the user wanted after signing in', async () => {
    server.use(http.post('/api/auth/login', () => envelope(demoSession)));
    renderLogin(`/login?next=${encodeURIComponent('/objects/42?t=90')}`);

    await signIn();

    expect(await screen.findByText('Signed in at /objects/42?t=90')).toBeInTheDocument();
  });

  it('never follows ?next= to another site', async () => {
    server.use(http.post('/api/auth/login', () => envelope(demoSession)));
    renderLogin(`/login?next=${encodeURIComponent('//evil.example/phish')}`);

    await signIn();

    expect(await screen.findByText('Signed in at /')).toBeInTheDocument();
  });

  it('asks for missing fields without calling the server', async () => {
    let calls = 0;
    server.use(
      http.post('/api/auth/login', () => {
        calls += 1;
        return envelope(demoSession);
      }),
    );
    renderLogin();
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Username'), 'qa');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const password = screen.getByLabelText('Password');
    expect(password).toHaveAccessibleDescription('Enter your password.');
    expect(password).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(password).toHaveFocus());
    expect(calls).toBe(0);
  });

  it('with single sign-on only, shows just its button, which keeps where the person was going', async () => {
    server.use(
      http.get('/api/auth/options', () => envelope({ password: false, sso: { label: 'Sign in with Okta' } })),
    );
    renderLogin('/login?next=%2Fdisputes');

    const sso = await screen.findByRole('link', { name: 'Sign in with Okta' });
    expect(sso).toHaveAttribute('href', '/api/auth/oidc/login?returnTo=%2Fdisputes');
    expect(screen.queryByLabelText('Username')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign in' })).not.toBeInTheDocument();
  });

  it('offers both ways when both are on, and shows why a single sign-on attempt failed', async () => {
    server.use(
      http.get('/api/auth/options', () => envelope({ password: true, sso: { label: 'Sign in with Okta' } })),
    );
    renderLogin('/login?ssoError=Your%20account%20has%20no%20Tapeline%20role.');

    expect(await screen.findByRole('link', { name: 'Sign in with Okta' })).toBeInTheDocument();
    expect(screen.getByLabelText('Username')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Your account has no Tapeline role.');
  });
});
