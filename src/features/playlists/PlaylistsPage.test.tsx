import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../../contract/auth';
import type { PlaylistSummary } from '../../../contract/playlists';
import { agent, playlistOf, tess, trainer } from '../../test/playlist-data';
import { LocationProbe, renderRoutes } from '../../test/Rendering';
import { envelope, errorEnvelope, server } from '../../test/server';
import { PlaylistsPage } from './PlaylistsPage';

const summary = (overrides: Partial<PlaylistSummary> & { id: string; title: string }): PlaylistSummary => ({
  description: '',
  owner: tess,
  itemCount: 2,
  totalSeconds: 95,
  updatedAt: '2026-11-25T09:00:00Z',
  ...overrides,
});

function renderList(currentUser: CurrentUser) {
  return renderRoutes(
    [
      { path: '/playlists', element: <PlaylistsPage currentUser={currentUser} /> },
      { path: '/playlists/:id', element: <LocationProbe label="Playlist" /> },
    ],
    { url: '/playlists' },
  );
}

describe('PlaylistsPage', () => {
  it('lists the playlists with their clips, running time, description and owner', async () => {
    server.use(
      http.get('/api/playlists', () =>
        envelope([
          summary({ id: '42', title: 'Refunds, calmly', description: 'Three calls that went well.' }),
          summary({ id: '43', title: 'One clip', itemCount: 1, totalSeconds: 12 }),
        ]),
      ),
    );
    renderList(trainer);
    const items = await within(await screen.findByRole('region', { name: 'Your playlists' })).findAllByRole(
      'listitem',
    );
    expect(within(items[0]!).getByRole('link', { name: 'Refunds, calmly' })).toHaveAttribute(
      'href',
      '/playlists/42',
    );
    expect(items[0]).toHaveTextContent('2 clips · 1:35');
    expect(items[0]).toHaveTextContent('Three calls that went well.');
    expect(items[0]).toHaveTextContent('By Tess Rainer');
    expect(items[1]).toHaveTextContent('1 clip · 0:12');
  });

  it('lets a trainer create a playlist and opens it', async () => {
    const user = userEvent.setup();
    const sent: unknown[] = [];
    server.use(
      http.get('/api/playlists', () => envelope([])),
      http.post('/api/playlists', async ({ request }) => {
        sent.push(await request.json());
        return envelope(playlistOf([], { id: '77', title: 'Escalations' }), { status: 201 });
      }),
    );
    renderList(trainer);
    expect(
      await screen.findByText('Create one here, or add a clip from a recording’s review page.'),
    ).toBeVisible();
    const form = screen.getByRole('form', { name: 'New playlist' });
    await user.type(within(form).getByLabelText('Title'), 'Escalations');
    await user.type(within(form).getByLabelText('Description'), 'Calm under pressure');
    await user.click(within(form).getByRole('button', { name: 'Create playlist' }));
    expect(await screen.findByText('Playlist at /playlists/77')).toBeInTheDocument();
    expect(sent).toEqual([{ title: 'Escalations', description: 'Calm under pressure' }]);
  });

  it('shows why a playlist was not created, and keeps what was typed', async () => {
    const user = userEvent.setup();
    server.use(
      http.get('/api/playlists', () => envelope([])),
      http.post('/api/playlists', () => errorEnvelope(400, 'title: must not be empty')),
    );
    renderList(trainer);
    const form = await screen.findByRole('form', { name: 'New playlist' });
    await user.type(within(form).getByLabelText('Title'), '   ');
    await user.click(within(form).getByRole('button', { name: 'Create playlist' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('title: must not be empty');
    expect(screen.getByRole('heading', { level: 1, name: 'Playlists' })).toBeInTheDocument();
  });

  it('shows an agent only what is assigned to them, and no way to create one', async () => {
    server.use(http.get('/api/playlists', () => envelope([])));
    renderList(agent);
    expect(await screen.findByText('Playlists appear here once a trainer assigns one to you.')).toBeVisible();
    expect(screen.getByText('The playlists assigned to you.')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'New playlist' })).toBeNull();
  });

  it('offers a retry when the list could not be loaded', async () => {
    const user = userEvent.setup();
    let calls = 0;
    server.use(
      http.get('/api/playlists', () => {
        calls += 1;
        return calls === 1
          ? errorEnvelope(400, 'Not now.')
          : envelope([summary({ id: '42', title: 'Back' })]);
      }),
    );
    renderList(trainer);
    await user.click(await screen.findByRole('button', { name: /retry|try again/i }));
    expect(await screen.findByRole('link', { name: 'Back' })).toBeInTheDocument();
  });
});
