import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TIMELINE_PAGE_SIZE } from '../../api/activities';
import type { ConversationObject, RecordingActivity } from '../../../contract/activities';
import { envelope, errorEnvelope, server } from '../../test/server';
import { LocationProbe, renderRoutes } from '../../test/Rendering';
import { ENTRY_ROW_HEIGHT } from './TimelineList';
import { TimelinePage } from './TimelinePage';

const OBJECT_ID = '100001';
const activitiesUrl = `/api/objects/${OBJECT_ID}/activities`;

/** Local wall-clock times, so day grouping holds in any time zone. */
function localIso(year: number, month: number, day: number, hour: number, minute = 0): string {
  return new Date(year, month - 1, day, hour, minute).toISOString();
}

function recording(id: string | undefined, timestamp: string, overrides: Partial<RecordingActivity> = {}) {
  return {
    ...(id === undefined ? {} : { id }),
    objectId: OBJECT_ID,
    type: 27,
    activityType: 27,
    createdTime: timestamp,
    user: { id: '5', first_name: 'Dana', last_name: 'Whitfield' },
    identity: { identityId: '5', thumbnailUrl: null },
    recordingType: 'video',
    recordingUrl: `https://tapeline.example/media/demo/${id ?? 'anonymous'}.webm?exp=1&sig=abc`,
    duration: 61,
    timestamp,
    fileSize: 1536,
    data: '{}',
    ...overrides,
  };
}

const object: ConversationObject = {
  objectId: OBJECT_ID,
  title: 'Refund for a double charge',
  team: { id: '1', name: 'Video Support' },
  agent: { id: '5', first_name: 'Dana', last_name: 'Whitfield' },
  lastActivityTime: localIso(2026, 11, 23, 14, 5),
  recordingCount: 3,
};

function answerWith(recordings: unknown[], objects: unknown[] = [object], qaSummary: unknown[] = []) {
  server.use(
    http.get('/api/objects', () => envelope(objects)),
    http.get(`/api/objects/${OBJECT_ID}/qa-summary`, () => envelope(qaSummary)),
    http.get(activitiesUrl, () => HttpResponseWithCursor(recordings, null)),
  );
}

function HttpResponseWithCursor(data: unknown[], nextCursor: string | null) {
  return Response.json({
    status: 200,
    description: 'Operation successful',
    response_time: new Date().toISOString(),
    data,
    nextCursor,
  });
}

function renderTimeline(objectId = OBJECT_ID, { canFilterByQa = false, search = '' } = {}) {
  return renderRoutes(
    [
      { path: '/', element: <LocationProbe label="Home" /> },
      { path: '/objects/:objectId', element: <TimelinePage canFilterByQa={canFilterByQa} /> },
      { path: '/objects/:objectId/recordings/:activityId', element: <LocationProbe label="Review" /> },
    ],
    { url: `/objects/${objectId}${search}` },
  );
}

describe('TimelinePage', () => {
  // The QA state is answered as "nothing known" unless a test says otherwise.
  beforeEach(() => server.use(http.get('/api/objects/:objectId/qa-summary', () => envelope([]))));
  // jsdom cannot scroll; the virtualizer writes the scroll position it keeps, which is a no-op here.
  beforeEach(() => void vi.spyOn(window, 'scrollTo').mockImplementation(() => {}));
  afterEach(() => {
    vi.restoreAllMocks();
    setScrollY(0);
  });

  it('shows the conversation and its recordings grouped by day, newest first, with badges', async () => {
    answerWith([
      recording('5000003', localIso(2026, 11, 23, 14, 5), { duration: 3725, fileSize: 104_857_600 }),
      recording('5000002', localIso(2026, 11, 23, 9, 30), { duration: 59, fileSize: 1023 }),
      recording('5000001', localIso(2026, 11, 20, 16, 0), {
        user: { id: '6', first_name: 'Sam', last_name: 'Okafor' },
      }),
    ]);
    renderTimeline();

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Refund for a double charge' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Video Support')).toBeInTheDocument();
    expect(screen.getByTestId('recording-total')).toHaveTextContent('3 recordings');

    const list = await screen.findByRole('list', { name: 'Recordings' });
    const items = within(list).getAllByRole('listitem');
    const dayHeadings = within(list).getAllByRole('heading', { level: 2 });
    expect(dayHeadings).toHaveLength(2);
    expect(dayHeadings[0]).toHaveTextContent(/23.*2 recordings/);
    expect(dayHeadings[1]).toHaveTextContent(/20.*1 recording$/);
    expect(items.map((item) => item.getAttribute('aria-posinset'))).toEqual(['1', '2', '3', '4', '5']);
    expect(items.every((item) => item.getAttribute('aria-setsize') === '5')).toBe(true);

    const links = within(list).getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      `/objects/${OBJECT_ID}/recordings/5000003`,
      `/objects/${OBJECT_ID}/recordings/5000002`,
      `/objects/${OBJECT_ID}/recordings/5000001`,
    ]);
    expect(links[0]).toHaveTextContent('Dana Whitfield');
    expect(links[0]).toHaveTextContent('Duration: 1:02:05');
    expect(links[0]).toHaveTextContent('File size: 100 MB');
    expect(links[0]).toHaveTextContent('Type: video');
    expect(links[1]).toHaveTextContent('Duration: 0:59');
    expect(links[1]).toHaveTextContent('File size: 1023 B');
    expect(links[2]).toHaveTextContent('Sam Okafor');
    expect(links[2]).toHaveTextContent('Duration: 1:01');
    expect(links[2]).toHaveTextContent('File size: 1.5 KB');
    expect(links[0]!.querySelector('time')).toHaveAttribute('dateTime', localIso(2026, 11, 23, 14, 5));
  });

  it('renders a recording that has no id, under a key derived from its media URL', async () => {
    const timestamp = localIso(2026, 11, 23, 14, 5);
    answerWith([recording(undefined, timestamp)]);
    renderTimeline();

    const link = await screen.findByRole('link', { name: /Dana Whitfield/ });
    const derivedKey = `https://tapeline.example/media/demo/anonymous.webm@${timestamp}`;
    expect(link).toHaveAttribute(
      'href',
      `/objects/${OBJECT_ID}/recordings/${encodeURIComponent(derivedKey)}`,
    );
  });

  it('skips a recording that breaks the contract and still shows the others', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    answerWith([
      recording('5000002', localIso(2026, 11, 23, 14, 5)),
      recording('5000001', localIso(2026, 11, 22, 9, 0), { duration: -4 }),
    ]);
    renderTimeline();

    const list = await screen.findByRole('list', { name: 'Recordings' });
    expect(within(list).getAllByRole('link')).toHaveLength(1);
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('duration'), expect.anything());
  });

  it('opens a recording from the timeline with the keyboard', async () => {
    answerWith([recording('5000001', localIso(2026, 11, 23, 14, 5))]);
    renderTimeline();
    await screen.findByRole('list', { name: 'Recordings' });

    const user = userEvent.setup();
    const link = screen.getByRole('link', { name: /Dana Whitfield/ });
    while (document.activeElement !== link) await user.tab();
    await user.keyboard('{Enter}');
    expect(await screen.findByText(`Review at /objects/${OBJECT_ID}/recordings/5000001`)).toBeInTheDocument();
  });

  it('shows a busy skeleton while loading', async () => {
    let answer = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    server.use(
      http.get('/api/objects', () => envelope([object])),
      http.get(activitiesUrl, async () => {
        await answered;
        return HttpResponseWithCursor([recording('5000001', localIso(2026, 11, 23, 14, 5))], null);
      }),
    );
    renderTimeline();

    expect(screen.getByRole('status', { name: 'Loading recordings' })).toHaveAttribute('aria-busy', 'true');
    answer();
    expect(await screen.findByRole('list', { name: 'Recordings' })).toBeInTheDocument();
    expect(screen.queryByRole('status', { name: 'Loading recordings' })).not.toBeInTheDocument();
  });

  it('says so when the conversation has no recordings', async () => {
    answerWith([], [{ ...object, recordingCount: 0 }]);
    renderTimeline();

    expect(
      await screen.findByRole('heading', { name: 'No recordings on this conversation yet' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('recording-total')).toHaveTextContent('0 recordings');
  });

  it('shows the failure and loads again on Retry', async () => {
    let failing = true;
    server.use(
      http.get('/api/objects', () => envelope([object])),
      http.get(activitiesUrl, () =>
        failing
          ? errorEnvelope(503, 'Tapeline is busy. Try again shortly.')
          : HttpResponseWithCursor([recording('5000001', localIso(2026, 11, 23, 14, 5))], null),
      ),
    );
    renderTimeline();

    const alert = await screen.findByRole('alert', {}, { timeout: 3000 });
    expect(alert).toHaveTextContent('We couldn’t load the recordings');
    expect(alert).toHaveTextContent('Tapeline is busy. Try again shortly.');
    failing = false;
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('link', { name: /Dana Whitfield/ })).toBeInTheDocument();
  });

  it('shows a distinct not-found state for a conversation that is unknown or not the caller’s, without retrying', async () => {
    let requests = 0;
    server.use(
      http.get('/api/objects', () => envelope([])),
      http.get('/api/objects/999999/activities', () => {
        requests++;
        return errorEnvelope(404, 'No such object.');
      }),
    );
    renderTimeline('999999');

    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'This conversation doesn’t exist or you don’t have access to it',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to your conversations' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
    expect(requests).toBe(1);
  });

  it('treats a malformed conversation id as not found without asking the server', async () => {
    renderTimeline('not-a-number');

    expect(await screen.findByRole('heading', { level: 1, name: /doesn’t exist/ })).toBeInTheDocument();
  });

  it('keeps the DOM small and fetches the next page when the user scrolls near the end', async () => {
    const total = TIMELINE_PAGE_SIZE + 50;
    // One recording a minute on the same day: one day header, then the entries.
    const start = new Date(2026, 10, 23, 23, 59).getTime();
    const all = Array.from({ length: total }, (_, index) =>
      recording(String(5_000_000 + total - index), new Date(start - index * 60_000).toISOString()),
    );
    const cursors: (string | null)[] = [];
    server.use(
      http.get('/api/objects', () => envelope([{ ...object, recordingCount: total }])),
      http.get(activitiesUrl, ({ request }) => {
        const url = new URL(request.url);
        const cursor = url.searchParams.get('cursor');
        const limit = Number(url.searchParams.get('limit'));
        cursors.push(cursor);
        const from = cursor ? Number(cursor) : 0;
        const next = from + limit < total ? String(from + limit) : null;
        return HttpResponseWithCursor(all.slice(from, from + limit), next);
      }),
    );
    renderTimeline();

    const list = await screen.findByRole('list', { name: 'Recordings' });
    // jsdom lays nothing out: the window is 768 px high and rows have their fixed heights.
    expect(within(list).getAllByRole('link').length).toBeLessThan(40);
    expect(within(list).getAllByRole('listitem')[0]).toHaveAttribute('aria-setsize', '-1');
    expect(cursors).toEqual([null]);
    expect(screen.getByTestId('recording-total')).toHaveTextContent(`${total} recordings`);

    // Scroll to the middle of the first page: still no reason to fetch more.
    act(() => setScrollY(50 * ENTRY_ROW_HEIGHT));
    const hrefs = () =>
      within(list)
        .getAllByRole('link')
        .map((link) => link.getAttribute('href'));
    await waitFor(() =>
      expect(hrefs()).toContain(`/objects/${OBJECT_ID}/recordings/${5_000_000 + total - 50}`),
    );
    expect(hrefs()).not.toContain(`/objects/${OBJECT_ID}/recordings/${5_000_000 + total}`);
    expect(cursors).toEqual([null]);

    // Near the end of what is loaded: the second page is fetched, and its rows join the list.
    act(() => setScrollY(TIMELINE_PAGE_SIZE * ENTRY_ROW_HEIGHT - 700));
    await waitFor(() => expect(cursors).toEqual([null, String(TIMELINE_PAGE_SIZE)]));
    await waitFor(() =>
      expect(within(list).getAllByRole('listitem')[0]).toHaveAttribute('aria-setsize', String(total + 1)),
    );
    act(() => setScrollY((total + 1) * ENTRY_ROW_HEIGHT));
    const lastHref = `/objects/${OBJECT_ID}/recordings/5000001`;
    await waitFor(() => expect(within(list).getAllByRole('link').at(-1)).toHaveAttribute('href', lastHref));
    expect(within(list).getAllByRole('link').length).toBeLessThan(40);
    expect(screen.getByText('That’s the first recording on this conversation.')).toBeInTheDocument();
  });
});

function setScrollY(y: number) {
  Object.defineProperty(window, 'scrollY', { value: y, configurable: true, writable: true });
  window.dispatchEvent(new Event('scroll'));
}
