import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { demoSession, envelope, errorEnvelope, server } from '../../test/server';
import { LocationProbe, renderRoutes } from '../../test/Rendering';
import { useSession } from './session';
import { RequireAuth } from './RequireAuth';

function Greeting() {
  const { user } = useSession();
  return <h1>Hello {user.first_name}</h1>;
}

function renderGuarded(url: string) {
  return renderRoutes(
    [
      { path: '/login', element: <LocationProbe label="Login page" /> },
      {
        path: '*',
        element: (
          <RequireAuth>
            <Greeting />
          </RequireAuth>
        ),
      },
    ],
    { url },
  );
}

describe('RequireAuth', () => {
  it('shows a labelled loading state, then the page for a signed-in user', async () => {
    server.use(http.get('/api/me', () => envelope(demoSession)));
    renderGuarded('/');

    expect(screen.getByRole('status')).toHaveTextContent('Loading your session');
    expect(await screen.findByRole('heading', { name: 'Hello Quinn' })).toBeInTheDocument();
  });

  it('sends a signed-out user to /login, remembering where they were going', async () => {
    server.use(http.get('/api/me', () => errorEnvelope(401, 'Sign in to continue.')));
    renderGuarded('/objects/42/recordings/9?t=30');

    expect(
      await screen.findByText(
        `Login page at /login?next=${encodeURIComponent('/objects/42/recordings/9?t=30')}`,
      ),
    ).toBeInTheDocument();
  });

  it('shows the error and a retry that recovers when the server fails', async () => {
    let calls = 0;
    server.use(
      http.get('/api/me', () => {
        calls += 1;
        return calls <= 3 ? errorEnvelope(500, 'The server had a problem.') : envelope(demoSession);
      }),
    );
    renderGuarded('/');

    expect(await screen.findByRole('heading', { name: /couldn’t load Tapeline/ })).toBeInTheDocument();
    expect(screen.getByText('The server had a problem.')).toBeInTheDocument();
    // The query client already retried twice before giving up.
    expect(calls).toBe(3);

    await userEvent.setup().click(screen.getByRole('button', { name: 'Retry' }));

    expect(await screen.findByRole('heading', { name: 'Hello Quinn' })).toBeInTheDocument();
  });
});
