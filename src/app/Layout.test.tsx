import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '../features/auth/RequireAuth';
import { demoSession, envelope, server } from '../test/server';
import { LocationProbe, renderRoutes } from '../test/Rendering';
import { Layout } from './Layout';
import { HomePage } from '../features/home/HomePage';
import { TimelinePage } from '../features/timeline/TimelinePage';
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
          { path: 'objects/:objectId', element: <TimelinePage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
    { url },
  );
}

const conversation = {
  objectId: '100001',
  title: 'Refund for a double charge',
  team: { id: '1', name: 'Video Support' },
  agent: { id: '5', first_name: 'Dana', last_name: 'Whitfield' },
  lastActivityTime: '2026-11-23T14:05:00Z',
  recordingCount: 3,
};

function recording(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    objectId: '100001',
    type: 27,
    activityType: 27,
    createdTime: '2026-11-23T14:05:00Z',
    user: { id: '5', first_name: 'Dana', last_name: 'Whitfield' },
    recordingType: 'video',
    recordingUrl: `https://tapeline.example/media/${id}.webm`,
    duration: 61,
    timestamp: '2026-11-23T14:04:00Z',
    fileSize: 1536,
    ...overrides,
  };
}

describe('Layout', () => {
  beforeEach(() => {
    server.use(
      http.get('/api/objects', () => envelope([conversation])),
      http.get('/api/objects/:objectId/qa-summary', () => envelope([])),
      http.get('/api/queue', () => envelope({ kind: 'team', recent: [] })),
    );
    vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());

  it('shows the landmarks, the skip link and who is signed in', async () => {
    server.use(http.get('/api/me', () => envelope(demoSession)));
    renderShell();

    expect(await screen.findByRole('heading', { level: 1, name: 'Conversations' })).toBeInTheDocument();
    const header = screen.getByRole('banner');
    expect(within(header).getByRole('link', { name: 'Tapeline' })).toHaveAttribute('href', '/');
    expect(within(header).getByText('Quinn Avery')).toBeInTheDocument();
    expect(within(header).getByText('QA manager')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Primary' });
    expect(within(nav).getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Home', 'Search', 'Playlists', 'Disputes', 'Scorecards']);
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveAttribute('href', '#main');
  });

  it.each([
    ['admin', true],
    ['qa_manager', true],
    ['trainer', false],
    ['supervisor', false],
    ['agent', false],
  ] as const)(
    'links Disputes and Scorecards for %s: %s, Search and Playlists for everyone',
    async (role, shown) => {
      server.use(
        http.get('/api/me', () => envelope({ ...demoSession, user: { ...demoSession.user, role } })),
      );
      renderShell();

      const nav = await screen.findByRole('navigation', { name: 'Primary' });
      expect(within(nav).queryByRole('link', { name: 'Disputes' })?.getAttribute('href')).toBe(
        shown ? '/disputes' : undefined,
      );
      expect(within(nav).queryByRole('link', { name: 'Scorecards' })?.getAttribute('href')).toBe(
        shown ? '/admin/scorecards' : undefined,
      );
      expect(within(nav).getByRole('link', { name: 'Search' })).toHaveAttribute('href', '/search');
      expect(within(nav).getByRole('link', { name: 'Playlists' })).toHaveAttribute('href', '/playlists');
    },
  );

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

  it('shows a dismissible notice, without blocking the page, when the server sends recordings it cannot show', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    server.use(
      http.get('/api/me', () => envelope(demoSession)),
      http.get('/api/objects/100001/activities', () =>
        envelope([
          recording('5000003'),
          recording('5000002', { duration: 'long' }),
          recording('5000001', { recordingUrl: 'not a url' }),
        ]),
      ),
    );
    renderShell('/objects/100001');

    const notice = await screen.findByText(
      '2 recordings from the server could not be shown (they did not match the expected format).',
    );
    expect(notice.closest('[role="status"]')).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: /Dana Whitfield/ })).toHaveLength(1);

    await userEvent.setup().click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/could not be shown/)).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Dana Whitfield/ })).toBeInTheDocument();
  });

  it('names conversations in the notice when the list of conversations had a broken one', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    server.use(
      http.get('/api/me', () => envelope(demoSession)),
      http.get('/api/objects', () => envelope([conversation, { ...conversation, objectId: 7 }])),
    );
    renderShell();

    expect(
      await screen.findByText(
        '1 conversation from the server could not be shown (it did not match the expected format).',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Refund for a double charge/ })).toBeInTheDocument();
  });

  describe('on a narrow screen', () => {
    beforeEach(() => {
      // Nothing matches: narrower than the row of links needs.
      vi.stubGlobal('matchMedia', (query: string) => ({
        matches: false,
        media: query,
        addEventListener: () => {},
        removeEventListener: () => {},
      }));
    });
    afterEach(() => vi.unstubAllGlobals());

    it('folds the sections and the account into a menu button that Escape closes', async () => {
      server.use(http.get('/api/me', () => envelope(demoSession)));
      renderShell();
      const user = userEvent.setup();

      const menu = await screen.findByRole('button', { name: 'Menu' });
      expect(menu).toHaveAttribute('aria-expanded', 'false');
      expect(screen.queryByRole('navigation', { name: 'Primary' })).not.toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();

      await user.click(menu);
      expect(menu).toHaveAttribute('aria-expanded', 'true');
      const panel = document.getElementById(menu.getAttribute('aria-controls')!)!;
      const nav = within(panel).getByRole('navigation', { name: 'Primary' });
      expect(
        within(nav)
          .getAllByRole('link')
          .map((link) => link.textContent),
      ).toEqual(['Home', 'Search', 'Playlists', 'Disputes', 'Scorecards']);
      expect(within(panel).getByText('Quinn Avery')).toBeVisible();
      expect(within(panel).getByRole('button', { name: 'Sign out' })).toBeVisible();

      await user.tab();
      expect(within(nav).getByRole('link', { name: 'Home' })).toHaveFocus();
      await user.keyboard('{Escape}');
      expect(menu).toHaveAttribute('aria-expanded', 'false');
      expect(menu).toHaveFocus();
      expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
    });

    it('closes the menu when a section is chosen, and shows an agent only what an agent may use', async () => {
      server.use(
        http.get('/api/me', () => envelope({ ...demoSession, user: { ...demoSession.user, role: 'agent' } })),
      );
      renderShell('/no/such/page');
      const user = userEvent.setup();

      const menu = await screen.findByRole('button', { name: 'Menu' });
      await user.click(menu);
      const nav = screen.getByRole('navigation', { name: 'Primary' });
      expect(
        within(nav)
          .getAllByRole('link')
          .map((link) => link.textContent),
      ).toEqual(['Home', 'Search', 'Playlists']);

      await user.click(within(nav).getByRole('link', { name: 'Home' }));
      expect(await screen.findByRole('heading', { level: 1, name: 'Conversations' })).toBeInTheDocument();
      expect(menu).toHaveAttribute('aria-expanded', 'false');
    });
  });
});
