import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Team, User } from '../../../contract/users';
import { renderRoutes } from '../../test/Rendering';
import { envelope, errorEnvelope, server } from '../../test/server';
import { TeamsPage } from './TeamsPage';

const person = (id: string, username: string, teams: Team[], overrides: Partial<User> = {}): User => ({
  id,
  username,
  firstName: username[0]!.toUpperCase() + username.slice(1),
  lastName: 'Doe',
  role: 'agent',
  teams,
  active: true,
  hasPassword: true,
  createdAt: '2026-11-20T10:00:00Z',
  ...overrides,
});

const support = { id: '1', name: 'Support' };
const billing = { id: '2', name: 'Billing' };

function renderPage() {
  renderRoutes([{ path: '/admin/teams', element: <TeamsPage /> }], { url: '/admin/teams' });
  return userEvent.setup();
}

describe('TeamsPage', () => {
  it('lists teams with their members, adds and removes a member, and creates a team', async () => {
    let teams: Team[] = [billing, support];
    let users = [
      person('1', 'dana', [support]),
      person('2', 'eli', [support, billing]),
      person('3', 'fay', []),
      person('4', 'gus', [], { active: false }),
    ];
    const patches: unknown[] = [];
    server.use(
      http.get('/api/teams', () => envelope(teams)),
      http.get('/api/users', () => envelope(users)),
      http.post('/api/teams', async ({ request }) => {
        const { name } = (await request.json()) as { name: string };
        if (teams.some((team) => team.name === name))
          return errorEnvelope(409, `name: there is already a team "${name}".`);
        const team = { id: '3', name };
        teams = [...teams, team];
        return envelope(team, { status: 201 });
      }),
      http.patch('/api/users/:id', async ({ params, request }) => {
        const changes = (await request.json()) as { teams: string[] };
        patches.push({ id: params.id, ...changes });
        users = users.map((u) =>
          u.id === params.id ? { ...u, teams: teams.filter((t) => changes.teams.includes(t.id)) } : u,
        );
        return envelope(users.find((u) => u.id === params.id));
      }),
    );
    const user = renderPage();

    const list = await screen.findByRole('list', { name: 'Teams' });
    const supportCard = within(list).getByRole('listitem', { name: 'Support' });
    expect(within(supportCard).getByText('2 members')).toBeInTheDocument();
    expect(
      within(within(supportCard).getByRole('list', { name: 'Members of Support' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([expect.stringMatching(/^Dana Doe @dana/), expect.stringMatching(/^Eli Doe @eli/)]);

    // Only active people who are not members yet can be added.
    const add = within(supportCard).getByLabelText('Add a member to Support');
    expect(
      within(add)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Fay Doe (@fay)']);
    await user.click(within(supportCard).getByRole('button', { name: 'Add' }));
    expect(await within(supportCard).findByText('3 members')).toBeInTheDocument();
    // Membership lives on the user: the other teams they are in stay.
    await user.click(within(supportCard).getByRole('button', { name: 'Remove eli from Support' }));
    expect(await within(supportCard).findByText('2 members')).toBeInTheDocument();
    expect(within(list).getByRole('listitem', { name: 'Billing' })).toHaveTextContent('@eli');
    expect(patches).toEqual([
      { id: '3', teams: ['1'] },
      { id: '2', teams: ['2'] },
    ]);

    const form = screen.getByRole('region', { name: 'New team' });
    await user.click(within(form).getByRole('button', { name: 'Create team' }));
    expect(within(form).getByLabelText('Team name')).toHaveAccessibleDescription('Name is required');
    await user.type(within(form).getByLabelText('Team name'), 'Support');
    await user.click(within(form).getByRole('button', { name: 'Create team' }));
    expect(await within(form).findByText('There is already a team "Support".')).toBeInTheDocument();
    await user.clear(within(form).getByLabelText('Team name'));
    await user.type(within(form).getByLabelText('Team name'), 'Night shift');
    await user.click(within(form).getByRole('button', { name: 'Create team' }));
    expect(await within(form).findByRole('status')).toHaveTextContent('Team “Night shift” created.');
    const created = await within(list).findByRole('listitem', { name: 'Night shift' });
    expect(within(created).getByText('No members yet.')).toBeInTheDocument();
  }, 20_000);

  it('says when there are no teams yet', async () => {
    server.use(
      http.get('/api/teams', () => envelope([])),
      http.get('/api/users', () => envelope([person('1', 'dana', [])])),
    );
    renderPage();
    expect(await screen.findByRole('heading', { name: 'No teams yet' })).toBeInTheDocument();
  });

  it('shows a failed load with a retry that works', async () => {
    let fail = true;
    server.use(
      http.get('/api/teams', () =>
        fail ? errorEnvelope(503, 'The database is not answering.') : envelope([support]),
      ),
      http.get('/api/users', () => envelope([person('1', 'dana', [support])])),
    );
    const user = renderPage();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The teams could not be loaded.');
    expect(alert).toHaveTextContent('The database is not answering.');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('listitem', { name: 'Support' })).toHaveTextContent('1 member');
  });
});
