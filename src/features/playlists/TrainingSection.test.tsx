import { screen, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { TrainingAssignment } from '../../../contract/playlists';
import { renderRoutes } from '../../test/Rendering';
import { envelope, errorEnvelope, server } from '../../test/server';
import { TrainingSection } from './TrainingSection';

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

const assignment = (overrides: Partial<TrainingAssignment> & { playlistId: string }): TrainingAssignment => ({
  title: `Playlist ${overrides.playlistId}`,
  dueAt: null,
  watchedItems: 0,
  totalItems: 3,
  completedAt: null,
  ...overrides,
});

function renderTraining() {
  return renderRoutes([
    {
      path: '/',
      element: (
        <>
          <h1>Home</h1>
          <TrainingSection />
        </>
      ),
    },
  ]);
}

describe('TrainingSection', () => {
  it('lists the assigned playlists with progress, due dates and what is overdue, each opening its player', async () => {
    server.use(
      http.get('/api/me/training', () =>
        envelope([
          assignment({ playlistId: '1', title: 'Refunds, calmly', watchedItems: 1, dueAt: daysFromNow(3) }),
          assignment({ playlistId: '2', title: 'Compliance misses', dueAt: daysFromNow(-2) }),
          assignment({ playlistId: '3', title: 'Greetings', watchedItems: 3, completedAt: daysFromNow(-1) }),
          assignment({ playlistId: '4', title: 'One call', totalItems: 1 }),
        ]),
      ),
    );
    renderTraining();
    const section = await screen.findByRole('region', { name: 'Your training' });
    const items = await within(section).findAllByRole('listitem');
    expect(items).toHaveLength(4);

    expect(within(items[0]!).getByRole('link', { name: 'Refunds, calmly' })).toHaveAttribute(
      'href',
      '/playlists/1/play',
    );
    expect(items[0]).toHaveTextContent(/1 of 3 clips watched · due .+/);
    expect(items[0]).not.toHaveTextContent('overdue');
    expect(within(items[0]!).getByRole('progressbar', { name: 'Refunds, calmly progress' })).toHaveAttribute(
      'aria-valuenow',
      '33',
    );

    expect(items[1]).toHaveTextContent(/0 of 3 clips watched · due .+ \(overdue\)/);
    expect(items[2]).toHaveTextContent(/^Greetings\s*Finished /);
    expect(items[2]).not.toHaveTextContent('due');
    expect(within(items[2]!).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    expect(items[3]).toHaveTextContent(/^One call\s*0 of 1 clip watched$/);
  });

  it('is not there at all when nothing is assigned', async () => {
    let asked = false;
    server.use(
      http.get('/api/me/training', () => {
        asked = true;
        return envelope([]);
      }),
    );
    renderTraining();
    await screen.findByRole('heading', { name: 'Home' });
    await expect.poll(() => asked).toBe(true);
    await expect.poll(() => screen.queryByRole('heading', { name: 'Your training' })).toBeNull();
  });

  it('says when the training could not be loaded', async () => {
    server.use(http.get('/api/me/training', () => errorEnvelope(400, 'Something is off.')));
    renderTraining();
    expect(await screen.findByText('Your training could not be loaded')).toBeInTheDocument();
  });
});
