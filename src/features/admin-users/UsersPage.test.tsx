import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { User } from '../../../contract/users';
import { renderRoutes } from '../../test/Rendering';
import { envelope, errorEnvelope, server } from '../../test/server';
import { UsersPage } from './UsersPage';

const TEAMS = [
  { id: '2', name: 'Night shift' },
  { id: '1', name: 'Video Support' },
];

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
    const creations: unknown[] = [];
    server.use(
      http.get('/api/users', () => envelope(users)),
      http.get('/api/teams', () => envelope(TEAMS)),
      http.post('/api/users', async ({ request }) => {
        const body = (await request.json()) as { username: string; firstName: string };
        creations.push(body);
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
    const teams = within(form).getByRole('group', { name: 'Teams' });
    await user.click(await within(teams).findByRole('checkbox', { name: 'Night shift' }));
    await user.click(within(form).getByRole('button', { name: 'Create user' }));
    expect(await within(form).findByLabelText('One-time set-password link')).toHaveValue(
      'http://tapeline.test/set-password/one-time-token',
    );
    expect(creations).toEqual([
      { username: 'sam', firstName: 'Sam', lastName: '', role: 'trainer', teams: ['2'] },
    ]);
    expect(await within(list).findByText(/has not set a password yet/)).toBeInTheDocument();
    // Shown once: put away, it is gone for good.
    await user.click(within(form).getByRole('button', { name: 'I have copied it' }));
    expect(within(form).queryByLabelText('One-time set-password link')).not.toBeInTheDocument();

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

  it('edits a user’s teams with the keyboard, and reactivates a deactivated user', async () => {
    let users = [person('1', 'admin', { role: 'admin' }), person('2', 'dana', { active: false })];
    const patches: unknown[] = [];
    server.use(
      http.get('/api/users', () => envelope(users)),
      http.get('/api/teams', () => envelope(TEAMS)),
      http.patch('/api/users/:id', async ({ params, request }) => {
        const changes = (await request.json()) as { teams?: string[]; active?: boolean };
        patches.push({ id: params.id, ...changes });
        users = users.map((u) =>
          u.id === params.id
            ? {
                ...u,
                ...changes,
                teams: changes.teams ? TEAMS.filter((t) => changes.teams!.includes(t.id)) : u.teams,
              }
            : u,
        );
        return envelope(users.find((u) => u.id === params.id));
      }),
    );
    renderRoutes([{ path: '/admin/users', element: <UsersPage /> }], { url: '/admin/users' });
    const user = userEvent.setup();
    const list = await screen.findByRole('list', { name: 'Users' });

    const edit = within(list).getByRole('button', { name: 'Edit teams of dana' });
    expect(edit).toHaveAttribute('aria-expanded', 'false');
    edit.focus();
    await user.keyboard('{Enter}');
    expect(edit).toHaveAttribute('aria-expanded', 'true');
    const group = within(list).getByRole('group', { name: 'Teams of dana' });
    const nightShift = within(group).getByRole('checkbox', { name: 'Night shift' });
    expect(within(group).getByRole('checkbox', { name: 'Video Support' })).toBeChecked();
    // Focus starts in the group; Space toggles, Tab moves on, Enter on "Save teams" saves.
    expect(nightShift).toHaveFocus();
    await user.keyboard(' ');
    await user.tab();
    await user.keyboard(' ');
    await user.tab();
    expect(within(list).getByRole('button', { name: 'Save teams' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await within(list).findByText('Night shift')).toBeInTheDocument();
    expect(within(list).queryByRole('group', { name: 'Teams of dana' })).not.toBeInTheDocument();
    expect(edit).toHaveFocus();

    // Escape closes without saving.
    await user.keyboard('{Enter}');
    await user.keyboard('{Escape}');
    expect(within(list).queryByRole('group', { name: 'Teams of dana' })).not.toBeInTheDocument();

    await user.click(within(list).getByRole('button', { name: 'Reactivate dana' }));
    await waitFor(() => expect(within(list).queryByText('Deactivated')).not.toBeInTheDocument());
    expect(patches).toEqual([
      { id: '2', teams: ['2'] },
      { id: '2', active: true },
    ]);
  }, 20_000);

  it('says why a change was refused', async () => {
    server.use(
      http.get('/api/users', () => envelope([person('1', 'admin', { role: 'admin' })])),
      http.get('/api/teams', () => envelope(TEAMS)),
      http.patch('/api/users/:id', () =>
        errorEnvelope(
          409,
          'role: admin is the last active administrator; make someone else an administrator first.',
        ),
      ),
    );
    renderRoutes([{ path: '/admin/users', element: <UsersPage /> }], { url: '/admin/users' });
    const user = userEvent.setup();
    const list = await screen.findByRole('list', { name: 'Users' });
    await user.selectOptions(within(list).getByLabelText('Role of admin'), 'agent');
    expect(await within(list).findByRole('alert')).toHaveTextContent(/last active administrator/);
  });
});
