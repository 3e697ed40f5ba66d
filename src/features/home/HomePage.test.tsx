import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ConversationObject } from '../../../contract/activities';
import { envelope, errorEnvelope, server } from '../../test/server';
import { renderRoutes, LocationProbe } from '../../test/Rendering';
import { HomePage } from './HomePage';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

function conversation(overrides: Partial<ConversationObject> & { objectId: string }): ConversationObject {
  return {
    title: `Conversation ${overrides.objectId}`,
    team: { id: '1', name: 'Video Support' },
    agent: { id: '5', first_name: 'Dana', last_name: 'Whitfield' },
    lastActivityTime: hoursAgo(1),
    recordingCount: 2,
    ...overrides,
  };
}

const conversations = [
  conversation({ objectId: '100001', title: 'Refund for a double charge', lastActivityTime: hoursAgo(72) }),
  conversation({
    objectId: '100002',
    title: 'Password reset loop',
    team: { id: '2', name: 'Onboarding' },
    agent: { id: '6', first_name: 'Sam', last_name: 'Okafor' },
    lastActivityTime: hoursAgo(2),
    recordingCount: 1,
  }),
  conversation({ objectId: '100003', title: 'No calls yet', lastActivityTime: null, recordingCount: 0 }),
];

function renderHome() {
  return renderRoutes([
    { path: '/', element: <HomePage /> },
    { path: '/objects/:objectId', element: <LocationProbe label="Timeline" /> },
  ]);
}

describe('HomePage', () => {
  // The queue has its own tests (QueueSection.test.tsx); here it is there and empty.
  beforeEach(() => server.use(http.get('/api/queue', () => envelope({ kind: 'team', recent: [] }))));

  it('shows the caller’s queue above the conversations', async () => {
    server.use(http.get('/api/objects', () => envelope(conversations)));
    renderHome();

    const headings = await screen.findAllByRole('heading', { level: 2 });
    await screen.findByRole('list', { name: 'Conversations' });
    expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual(
      expect.arrayContaining(['Your queue', 'All conversations']),
    );
    expect(headings[0]).toHaveTextContent('Your queue');
    expect(await screen.findByText('No recorded calls in your teams yet.')).toBeInTheDocument();
  });

  it('lists the conversations, most recent activity first, with agent, team, count and last activity', async () => {
    server.use(http.get('/api/objects', () => envelope(conversations)));
    renderHome();

    expect(screen.getByRole('heading', { level: 1, name: 'Conversations' })).toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'Conversations' });
    const links = within(list).getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      '/objects/100002',
      '/objects/100001',
      '/objects/100003',
    ]);
    expect(links[0]).toHaveTextContent('Password reset loop');
    expect(links[0]).toHaveTextContent('Sam Okafor');
    expect(links[0]).toHaveTextContent('Onboarding');
    expect(links[0]).toHaveTextContent('1 recording');
    expect(links[0]).toHaveTextContent('2 hours ago');
    const time = links[1]!.querySelector('time')!;
    expect(time).toHaveTextContent('3 days ago');
    expect(time).toHaveAttribute('dateTime', conversations[0]!.lastActivityTime);
    expect(time.getAttribute('title')).toMatch(/\d/);
    expect(links[2]).toHaveTextContent('No activity yet');
  });

  it('opens a conversation’s timeline', async () => {
    server.use(http.get('/api/objects', () => envelope(conversations)));
    renderHome();

    await userEvent.setup().click(await screen.findByRole('link', { name: /Refund for a double charge/ }));
    expect(await screen.findByText('Timeline at /objects/100001')).toBeInTheDocument();
  });

  it('filters by title, agent and team, and says when nothing matches', async () => {
    server.use(http.get('/api/objects', () => envelope(conversations)));
    renderHome();
    const user = userEvent.setup();
    const filter = await screen.findByRole('searchbox', { name: 'Filter conversations' });

    await user.type(filter, 'okafor');
    await waitFor(() => expect(screen.getAllByRole('link')).toHaveLength(1));
    expect(screen.getByRole('link')).toHaveTextContent('Password reset loop');

    await user.clear(filter);
    await user.type(filter, 'video support refund');
    await waitFor(() => expect(screen.getAllByRole('link')).toHaveLength(1));
    expect(screen.getByRole('link')).toHaveTextContent('Refund for a double charge');

    await user.clear(filter);
    await user.type(filter, 'zebra');
    expect(
      await screen.findByRole('heading', { name: 'No conversations match “zebra”' }),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear filter' }));
    await waitFor(() => expect(screen.getAllByRole('link')).toHaveLength(3));
    expect(filter).toHaveValue('');
  });

  it('shows a busy skeleton while loading', async () => {
    let answer = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    server.use(
      http.get('/api/objects', async () => {
        await answered;
        return envelope(conversations);
      }),
    );
    renderHome();

    const loading = screen.getByRole('status', { name: 'Loading conversations' });
    expect(loading).toHaveAttribute('aria-busy', 'true');
    answer();
    await screen.findByRole('list', { name: 'Conversations' });
    expect(screen.queryByRole('status', { name: 'Loading conversations' })).not.toBeInTheDocument();
  });

  it('says so when there are no conversations', async () => {
    server.use(http.get('/api/objects', () => envelope([])));
    renderHome();

    expect(await screen.findByRole('heading', { name: 'No conversations yet' })).toBeInTheDocument();
    expect(screen.queryByRole('searchbox')).not.toBeInTheDocument();
    // …and how the first recording gets in.
    expect(screen.getByText(/POST \/api\/recordings/)).toBeInTheDocument();
    expect(screen.getByText(/npm run tapeline -- import --object-external-id/)).toBeInTheDocument();
  });

  it('shows the server’s message on failure and loads again on Retry', async () => {
    let failing = true;
    server.use(
      http.get('/api/objects', () =>
        failing ? errorEnvelope(503, 'Tapeline is busy. Try again shortly.') : envelope(conversations),
      ),
    );
    renderHome();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We couldn’t load your conversations');
    expect(alert).toHaveTextContent('Tapeline is busy. Try again shortly.');
    failing = false;
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('list', { name: 'Conversations' })).toBeInTheDocument();
  });
});
