import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../../contract/auth';
import type { Playlist, PlaylistItem } from '../../../contract/playlists';
import { agent, clip, playlistOf, trainer } from '../../test/playlist-data';
import { renderRoutes } from '../../test/Rendering';
import { envelope, errorEnvelope, server } from '../../test/server';
import { PlaylistPage } from './PlaylistPage';

/** A stand-in API holding one playlist; records what the page sends. */
function answerWith(items: PlaylistItem[]) {
  let playlist: Playlist = playlistOf(items);
  const sent: { method: string; path: string; body: unknown }[] = [];
  const record = async (request: Request) => {
    const body = request.method === 'DELETE' ? null : await request.json();
    sent.push({ method: request.method, path: new URL(request.url).pathname, body });
    return body;
  };
  const set = (next: PlaylistItem[]) => {
    playlist = playlistOf(next);
  };
  server.use(
    http.get('/api/playlists/42', () => envelope(playlist)),
    http.get('/api/playlists/42/assignments', () => envelope([])),
    http.put('/api/playlists/42/items/order', async ({ request }) => {
      const { itemIds } = (await record(request)) as { itemIds: string[] };
      set(itemIds.map((id) => playlist.items.find((item) => item.id === id)!));
      return envelope(playlist);
    }),
    http.delete('/api/playlists/42/items/:itemId', async ({ request, params }) => {
      await record(request);
      set(playlist.items.filter((item) => item.id !== params.itemId));
      return envelope(null);
    }),
    http.patch('/api/playlists/42/items/:itemId', async ({ request, params }) => {
      const patch = (await record(request)) as Partial<PlaylistItem>;
      const item = playlist.items.find((entry) => entry.id === params.itemId)!;
      const changed = { ...item, ...patch };
      if (changed.endSeconds <= changed.startSeconds)
        return errorEnvelope(400, 'endSeconds: must be after startSeconds.');
      set(playlist.items.map((entry) => (entry.id === item.id ? changed : entry)));
      return envelope(changed);
    }),
  );
  return { sent, set };
}

function renderPlaylist(currentUser: CurrentUser = trainer) {
  return renderRoutes([{ path: '/playlists/:id', element: <PlaylistPage currentUser={currentUser} /> }], {
    url: '/playlists/42',
  });
}

const twoClips = () => [
  clip({ id: '1', startSeconds: 3, endSeconds: 8, note: 'The apology' }),
  clip({ id: '2', activityId: '5000002', startSeconds: 0, endSeconds: 75.5, note: 'The close' }),
];

const rowNotes = () =>
  screen
    .getAllByTestId('clip-row')
    .map((row) => within(row).queryByText(/^The (apology|close)$/)?.textContent);

describe('PlaylistPage', () => {
  it('shows the clips in order with their notes and the total running time', async () => {
    answerWith(twoClips());
    renderPlaylist();
    expect(await screen.findByRole('heading', { level: 1, name: 'Refunds, calmly' })).toBeInTheDocument();
    expect(screen.getByTestId('running-time')).toHaveTextContent('2 clips · total running time 1:20');
    expect(rowNotes()).toEqual(['The apology', 'The close']);
    expect(screen.getAllByTestId('clip-row')[0]).toHaveTextContent('0:03–0:08');
    expect(screen.getByRole('link', { name: 'Play' })).toHaveAttribute('href', '/playlists/42/play');
  });

  it('moves a clip with the arrow keys on its handle, keeping the focus on it', async () => {
    const user = userEvent.setup();
    const api = answerWith(twoClips());
    renderPlaylist();
    const handle = await screen.findByRole('button', { name: /^Reorder clip 1 \(The apology\)/ });
    handle.focus();
    await user.keyboard('{ArrowDown}');

    await waitFor(() => expect(rowNotes()).toEqual(['The close', 'The apology']));
    expect(api.sent).toEqual([
      { method: 'PUT', path: '/api/playlists/42/items/order', body: { itemIds: ['2', '1'] } },
    ]);
    expect(screen.getByText('Clip moved to position 2 of 2.')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /^Reorder clip 2 \(The apology\)/ })).toHaveFocus(),
    );
    // Already last: nothing more to send.
    await user.keyboard('{ArrowDown}');
    expect(api.sent).toHaveLength(1);
  });

  it('shows the server’s order and says why when the clips changed meanwhile (409)', async () => {
    const user = userEvent.setup();
    const api = answerWith(twoClips());
    renderPlaylist();
    await screen.findAllByTestId('clip-row');
    // Someone else removed clip 2 meanwhile: this copy is stale.
    api.set([twoClips()[0]!]);
    server.use(
      http.put('/api/playlists/42/items/order', () =>
        errorEnvelope(
          409,
          'The playlist’s clips changed meanwhile: reload it and order the clips it has now.',
        ),
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Move down clip 1 (The apology)' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The playlist’s clips changed meanwhile: reload it and order the clips it has now. The list now shows the playlist as it is.',
    );
    await waitFor(() => expect(rowNotes()).toEqual(['The apology']));
  });

  it('removes a clip, and the running time follows', async () => {
    const user = userEvent.setup();
    const api = answerWith(twoClips());
    renderPlaylist();
    await user.click(await screen.findByRole('button', { name: 'Remove clip 2 (The close)' }));
    await waitFor(() => expect(rowNotes()).toEqual(['The apology']));
    expect(screen.getByTestId('running-time')).toHaveTextContent('1 clip · total running time 0:05');
    expect(api.sent).toEqual([{ method: 'DELETE', path: '/api/playlists/42/items/2', body: null }]);
  });

  it('changes a clip’s note, sending only what changed', async () => {
    const user = userEvent.setup();
    const api = answerWith(twoClips());
    renderPlaylist();
    await user.click(await screen.findByRole('button', { name: 'Edit clip 1 (The apology)' }));
    const form = screen.getByRole('form', { name: 'Edit clip 1 (The apology)' });
    expect(within(form).getByLabelText('Start')).toHaveValue('0:03');
    await user.clear(within(form).getByLabelText('Note for the trainee'));
    await user.type(within(form).getByLabelText('Note for the trainee'), 'How she apologises');
    await user.click(within(form).getByRole('button', { name: 'Save clip' }));

    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());
    expect(await screen.findByText('How she apologises')).toBeInTheDocument();
    expect(api.sent).toEqual([
      { method: 'PATCH', path: '/api/playlists/42/items/1', body: { note: 'How she apologises' } },
    ]);
  });

  it('shows a refused clip range next to the field the server names, and keeps the form', async () => {
    const user = userEvent.setup();
    const api = answerWith(twoClips());
    renderPlaylist();
    await user.click(await screen.findByRole('button', { name: 'Edit clip 1 (The apology)' }));
    const form = screen.getByRole('form', { name: 'Edit clip 1 (The apology)' });
    const end = within(form).getByLabelText('End');
    await user.clear(end);
    await user.type(end, '0:02');
    await user.click(within(form).getByRole('button', { name: 'Save clip' }));

    expect(await within(form).findByText('endSeconds: must be after startSeconds.')).toBeInTheDocument();
    expect(end).toHaveAttribute('aria-invalid', 'true');
    expect(end).toHaveAccessibleDescription('endSeconds: must be after startSeconds.');
    expect(api.sent).toEqual([
      { method: 'PATCH', path: '/api/playlists/42/items/1', body: { endSeconds: 2 } },
    ]);
    expect(screen.getAllByTestId('clip-row')[0]).toHaveTextContent('0:03–0:08');

    // A time nobody could mean is caught before anything is sent.
    await user.clear(end);
    await user.type(end, 'soon');
    await user.click(within(form).getByRole('button', { name: 'Save clip' }));
    expect(end).toHaveAccessibleDescription('Enter a time like 1:23.');
    expect(api.sent).toHaveLength(1);
  });

  it('shows a clip whose recording was deleted as no longer available, out of the running time', async () => {
    answerWith([clip({ id: '1', note: 'Gone', available: false, recordingUrl: null }), twoClips()[1]!]);
    renderPlaylist();
    const rows = await screen.findAllByTestId('clip-row');
    expect(rows[0]).toHaveTextContent('1. No longer available');
    expect(screen.getByTestId('running-time')).toHaveTextContent('2 clips · total running time 1:15');
  });

  it('shows an assignee the clips without any editing', async () => {
    answerWith(twoClips());
    renderPlaylist(agent);
    expect(await screen.findByText('The apology')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Edit|Remove|Reorder|Move/ })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Assignments' })).toBeNull();
  });

  it('says so when the playlist does not exist or is not shared', async () => {
    server.use(http.get('/api/playlists/42', () => errorEnvelope(404, 'Playlist 42 not found.')));
    renderPlaylist();
    expect(await screen.findByRole('heading', { name: 'Playlist not found' })).toBeInTheDocument();
  });
});
