import { useQuery } from '@tanstack/react-query';
import { screen } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { RequireAuth } from '../features/auth/RequireAuth';
import { apiGet } from '../lib/api-client';
import { demoSession, envelope, errorEnvelope, server } from '../test/server';
import { LocationProbe, renderRoutes } from '../test/Rendering';
import { createAppQueryClient } from './AppProviders';

function Objects() {
  const objects = useQuery({
    queryKey: ['objects'],
    queryFn: () => apiGet('/api/objects', z.array(z.unknown())),
  });
  return <h1>{objects.isError ? objects.error.message : 'Objects'}</h1>;
}

describe('the app query client', () => {
  it('sends the user to sign in when a query finds the session has ended', async () => {
    let signedIn = true;
    server.use(
      http.get('/api/me', () =>
        signedIn ? envelope(demoSession) : errorEnvelope(401, 'Sign in to continue.'),
      ),
      http.get('/api/objects', () => {
        signedIn = false;
        return errorEnvelope(401, 'Sign in to continue.');
      }),
    );

    renderRoutes(
      [
        { path: '/login', element: <LocationProbe label="Login page" /> },
        {
          path: '/objects',
          element: (
            <RequireAuth>
              <Objects />
            </RequireAuth>
          ),
        },
      ],
      { url: '/objects', queryClient: createAppQueryClient() },
    );

    expect(await screen.findByText('Login page at /login?next=%2Fobjects')).toBeInTheDocument();
  });
});
