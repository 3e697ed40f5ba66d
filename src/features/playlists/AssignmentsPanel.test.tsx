import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { PlaylistAssignment } from '../../../contract/playlists';
import { clip, dana, playlistOf, trainer } from '../../test/playlist-data';
import { renderRoutes } from '../../test/Rendering';
import { envelope, errorEnvelope, server } from '../../test/server';
import { AssignmentsPanel } from './AssignmentsPanel';

const playlist = playlistOf([
  clip({ id: '1', note: 'The apology' }),
  clip({ id: '2', available: false, recordingUrl: null }),
  clip({ id: '3', note: 'The close' }),
]);

const danaDone: PlaylistAssignment = {
  user: { ...dana, username: 'agent' },
  assignedAt: '2026-11-20T10:00:00Z',
  dueAt: '2026-12-31T22:59:59Z',
  completedAt: '2026-11-22T16:30:00Z',
  watchedItemIds: ['1', '3'],
};
const samStarted: PlaylistAssignment = {
  user: { id: '6', first_name: 'Sam', last_name: 'Okafor', username: 'agent2' },
  assignedAt: '2026-11-21T10:00:00Z',
  dueAt: null,
  completedAt: null,
  watchedItemIds: ['3'],
};

function renderPanel(teams = trainer.teams) {
  return renderRoutes([{ path: '/', element: <AssignmentsPanel playlist={playlist} teams={teams} /> }]);
}

describe('AssignmentsPanel', () => {
  it('shows per assignee and per available clip what was watched, the due date and when they finished', async () => {
    server.use(http.get('/api/playlists/42/assignments', () => envelope([danaDone, samStarted])));
    renderPanel();
    const table = await screen.findByRole('table', { name: 'Completion by assignee and clip' });
    // The clip whose recording is gone has no column.
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Assignee', 'Clip 1', 'Clip 3', 'Due', 'Finished']);
    const [, dana, sam] = within(table).getAllByRole('row');
    expect(within(dana!).getByRole('rowheader')).toHaveTextContent('Dana Whitfield (agent)');
    expect(
      within(dana!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['✓ Watched', '✓ Watched', expect.stringMatching(/2026/), expect.stringMatching(/2026/)]);
    expect(
      within(sam!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['Not yet', '✓ Watched', '—', 'In progress']);
  });

  it('assigns every agent of a team, with a due date at the end of that day', async () => {
    const user = userEvent.setup();
    const sent: unknown[] = [];
    let table: PlaylistAssignment[] = [];
    server.use(
      http.get('/api/playlists/42/assignments', () => envelope(table)),
      http.post('/api/playlists/42/assignments', async ({ request }) => {
        sent.push(await request.json());
        table = [danaDone, samStarted];
        return envelope(table);
      }),
    );
    renderPanel();
    expect(await screen.findByText('Not assigned to anyone yet.')).toBeInTheDocument();
    const teams = screen.getByRole('group', { name: 'Or every agent of a team' });
    await user.click(within(teams).getByRole('checkbox', { name: 'Video Support' }));
    await user.type(screen.getByLabelText('Due date (optional)'), '2026-12-31');
    await user.click(screen.getByRole('button', { name: 'Assign' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Assigned: 2 assignees in all.');
    expect(sent).toEqual([
      { usernames: [], teams: ['1'], dueAt: new Date('2026-12-31T23:59:59').toISOString() },
    ]);
    expect(within(teams).getByRole('checkbox', { name: 'Video Support' })).not.toBeChecked();
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(3));
  });

  it('assigns by username, and shows what the server refuses', async () => {
    const user = userEvent.setup();
    const sent: unknown[] = [];
    server.use(
      http.get('/api/playlists/42/assignments', () => envelope([])),
      http.post('/api/playlists/42/assignments', async ({ request }) => {
        sent.push(await request.json());
        return errorEnvelope(400, 'usernames: no such user: agnet.');
      }),
    );
    renderPanel([]);
    await screen.findByText('Not assigned to anyone yet.');
    // A trainer without teams is offered none.
    expect(screen.queryByRole('group')).toBeNull();
    await user.type(screen.getByLabelText('Assign to (usernames)'), 'agnet, agent2');
    await user.click(screen.getByRole('button', { name: 'Assign' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('usernames: no such user: agnet.');
    expect(sent).toEqual([{ usernames: ['agnet', 'agent2'], teams: [], dueAt: null }]);
    expect(screen.getByLabelText('Assign to (usernames)')).toHaveValue('agnet, agent2');
  });
});
