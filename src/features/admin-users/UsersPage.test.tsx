import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { User } from '../../../contract/users';
import { renderRoutes } from '../../test/Rendering';
import { envelope, server } from '../../test/server';
import { UsersPage } from './UsersPage';

const person = (id: string, username: string, overrides: Partial<User> = {}): User => ({
  id,
  username,
  firstName: username[0]!.toUpperCase() + username.slice(1),
  lastName: 'Doe',
  role: 'agent',
  teams: [{ id: '1', name: 'Video Support' }],
  active: true,
  hasPassword: true,
  createdAt: '2026-11-20T10:00:00Z',
  ...overrides,
});

describe('UsersPage', () => {
  it('creates a user and shows the one-time link, changes a role, and deactivates after confirming', async () => {
    let users = [person('1', 'admin', { role: 'admin' }), person('2', 'dana')];
    const patches: unknown[] = [];
    server.use(
      http.get('/api/users', () => envelope(users)),
      http.post('/api/users', async ({ request }) => {
        const body = (await request.json()) as { username: string; firstName: string };
        users = [...users, person('3', body.username, { hasPassword: false })];
        return envelope(
          { id: '3', setPasswordUrl: 'http://tapeline.test/set-password/one-time-token' },
          { status: 201 },
        );
      }),
      http.patch('/api/users/:id', async ({ params, request }) => {
        const changes = (await request.json()) as Partial<User>;
        patches.push({ id: params.id, ...changes });
        users = users.map((u) => (u.id === params.id ? { ...u, ...changes } : u));
        return envelope(users.find((u) => u.id === params.id));
      }),
    );
    renderRoutes([{ path: '/admin/users', element: <UsersPage /> }], { url: '/admin/users' });
    const user = userEvent.setup();
    const list = await screen.findByRole('list', { name: 'Users' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);

    const form = screen.getByRole('region', { name: 'New user' });
    await user.type(within(form).getByLabelText('Username'), 'sam');
    await user.type(within(form).getByLabelText('First name'), 'Sam');
    await user.selectOptions(within(form).getByLabelText('Role'), 'trainer');
    await user.click(within(form).getByRole('button', { name: 'Create user' }));
    expect(await within(form).findByLabelText('One-time set-password link')).toHaveValue(
      'http://tapeline.test/set-password/one-time-token',
    );
    expect(await within(list).findByText(/has not set a password yet/)).toBeInTheDocument();

    await user.selectOptions(within(list).getByLabelText('Role of dana'), 'supervisor');
    await user.click(within(list).getByRole('button', { name: 'Deactivate dana' }));
    const confirm = within(list).getByRole('group', { name: 'Deactivate dana?' });
    await user.click(within(confirm).getByRole('button', { name: 'Deactivate dana' }));
    expect(await within(list).findByText('Deactivated')).toBeInTheDocument();
    expect(patches).toEqual([
      { id: '2', role: 'supervisor' },
      { id: '2', active: false },
    ]);
  }, 20_000);
});
