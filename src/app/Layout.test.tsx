import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { RequireAuth } from '../features/auth/RequireAuth';
import { demoSession, envelope, server } from '../test/server';
import { LocationProbe, renderRoutes } from '../test/render';
import { Layout } from './Layout';
import { HomePage } from '../features/home/HomePage';
import { NotFoundPage } from './routes/NotFoundPage';

function renderShell(url = '/') {
  return renderRoutes(
    [
      { path: '/login', element: <LocationProbe label="Login page" /> },
      {
        element: (
          <RequireAuth>
            <Layout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <HomePage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
    { url },
  );
}

describe('Layout', () => {
  it('shows the landmarks, the skip link and who is signed in', async () => {
    server.use(http.get('/api/me', () => envelope(demoSession)));
    renderShell();

    expect(await screen.findByRole('heading', { level: 1, name: 'Your queue' })).toBeInTheDocument();
    const header = screen.getByRole('banner');
    expect(within(header).getByRole('link', { name: 'Tapeline' })).toHaveAttribute('href', '/');
    expect(within(header).getByText('Quinn Avery')).toBeInTheDocument();
    expect(within(header).getByText('QA manager')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Primary' });
    expect(within(nav).getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getAllByRole('link')).toHaveLength(1);
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveAttribute('href', '#main');
  });

  it('shows a not-found page inside the shell for unknown addresses', async () => {
    server.use(http.get('/api/me', () => envelope(demoSession)));
    renderShell('/no/such/page');

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('banner')).toBeInTheDocument();
  });

  it('signs out with the CSRF token and returns to the login page', async () => {
    let csrf: string | null = null;
    server.use(
      http.get('/api/me', () => envelope(demoSession)),
      http.post('/api/auth/logout', ({ request }) => {
        csrf = request.headers.get('X-CSRF-Token');
        return envelope(null);
      }),
    );
    const { queryClient } = renderShell();

    await userEvent.setup().click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByText('Login page at /login')).toBeInTheDocument();
    expect(csrf).toBe(demoSession.csrfToken);
    expect(queryClient.getQueryCache().getAll()).toHaveLength(0);
  });
});
