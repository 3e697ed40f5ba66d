import { screen } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { RequireAuth } from '../../features/auth/RequireAuth';
import { demoSession, envelope, server } from '../../test/server';
import { renderRoutes } from '../../test/Rendering';
import { mayResolveDisputes } from '../../../contract/permissions';
import { Permitted } from './Permitted';

function renderAs(role: 'agent' | 'admin') {
  server.use(http.get('/api/me', () => envelope({ ...demoSession, user: { ...demoSession.user, role } })));
  return renderRoutes(
    [
      {
        path: '/disputes',
        element: (
          <RequireAuth>
            <Permitted
              allowed={mayResolveDisputes}
              who="Only administrators and QA managers resolve disputes."
            >
              <h1>Disputes</h1>
            </Permitted>
          </RequireAuth>
        ),
      },
    ],
    { url: '/disputes' },
  );
}

describe('Permitted', () => {
  it('tells others they have no access', async () => {
    renderAs('agent');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'You don’t have access to this page' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Only administrators and QA managers resolve disputes.')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Disputes' })).not.toBeInTheDocument();
  });

  it('shows the page to admins', async () => {
    renderAs('admin');
    expect(await screen.findByRole('heading', { level: 1, name: 'Disputes' })).toBeInTheDocument();
  });
});
