import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { LocationProbe, renderRoutes } from '../../test/Rendering';
import { envelope, errorEnvelope, server } from '../../test/server';
import type { VideoPlayerProps } from './VideoPlayer';
import { ReviewPage } from './ReviewPage';

// jsdom cannot play media: the lazily loaded video.js player is replaced by a stand-in that shows its props.
vi.mock('./VideoPlayer', () => ({
  default: (props: VideoPlayerProps) => (
    <div
      data-testid="player"
      data-source={props.source}
      data-start={props.startAt ?? ''}
      data-type={props.mimeType ?? ''}
      data-audio={String(props.audioOnly ?? false)}
    >
      {props.label}
    </div>
  ),
}));

const agent = { id: '5', first_name: 'Dana', last_name: 'Whitfield' };

function recordingActivity(id: string, timestamp: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    objectId: '12',
    type: 27,
    activityType: 27,
    createdTime: timestamp,
    user: agent,
    identity: { identityId: null, thumbnailUrl: null },
    recordingType: 'video',
    recordingUrl: `http://localhost/media/rec-${id}.webm?exp=4102444800&sig=abc`,
    duration: 272,
    timestamp,
    fileSize: 1_572_864,
    data: JSON.stringify({ container: 'webm', videoCodec: 'vp9', audioCodec: 'opus' }),
    ...extra,
  };
}

const newest = recordingActivity('103', '2026-03-14T15:30:00Z');
const middle = recordingActivity('102', '2026-03-12T14:03:00Z');
const oldest = recordingActivity('101', '2026-03-10T09:15:00Z', { data: 'not json', duration: 45 });

/** The recording pages the audit trail was told were opened. */
const viewed: string[] = [];

function serve(activities: unknown[] = [newest, middle, oldest]) {
  server.use(
    http.post('/api/activities/:id/views', ({ params }) => {
      viewed.push(String(params.id));
      return new Response(null, { status: 204 });
    }),
    http.get('/api/objects/12/activities', () => envelope(activities)),
    http.get('/api/objects', () =>
      envelope([
        {
          objectId: '12',
          title: 'Billing dispute · double charge',
          team: { id: '1', name: 'Video Support' },
          agent,
          lastActivityTime: null,
          recordingCount: 3,
        },
      ]),
    ),
  );
}

function renderReview(url: string) {
  return renderRoutes(
    [
      { path: '/objects/:objectId/recordings/:activityId', element: <ReviewPage /> },
      { path: '/objects/:objectId', element: <LocationProbe label="Timeline" /> },
      { path: '/', element: <LocationProbe label="Home" /> },
    ],
    { url },
  );
}

describe('ReviewPage', () => {
  it('shows a loading state, then the recording with its badges, details and player', async () => {
    serve();
    renderReview('/objects/12/recordings/102?t=30');

    expect(screen.getByRole('status')).toHaveTextContent('Loading the recording');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Call with Dana Whitfield' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);

    const badges = screen.getByRole('list', { name: 'Length and size' });
    expect(badges).toHaveTextContent('Duration 4:32');
    expect(badges).toHaveTextContent('File size 1.5 MB');

    const details = screen.getByRole('region', { name: 'Recording details' });
    expect(within(details).getByText('Dana Whitfield')).toBeInTheDocument();
    expect(within(details).getByText('Video call recording')).toBeInTheDocument();
    expect(within(details).getByText('WEBM')).toBeInTheDocument();
    expect(within(details).getByText('vp9')).toBeInTheDocument();
    expect(within(details).getByText('opus')).toBeInTheDocument();

    const player = await screen.findByTestId('player');
    // The signed URL as issued, with this player's session (one audited play, however many ranges).
    const source = new URL(player.getAttribute('data-source')!);
    expect(
      `${source.origin}${source.pathname}?exp=${source.searchParams.get('exp')}&sig=${source.searchParams.get('sig')}`,
    ).toBe(middle.recordingUrl);
    expect(source.searchParams.get('play')).toMatch(/^102-[0-9a-f]{24}$/);
    expect(screen.getByRole('link', { name: 'Download' })).toHaveAttribute(
      'href',
      '/api/activities/102/download',
    );
    expect(player).toHaveAttribute('data-start', '30');
    expect(await screen.findByRole('link', { name: 'Billing dispute · double charge' })).toHaveAttribute(
      'href',
      '/objects/12',
    );
    expect(screen.getByRole('button', { name: 'Copy link at current time' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Keyboard shortcuts/ })).toBeInTheDocument();
  });

  it('shows a recording of sound alone in an audio view, played as audio', async () => {
    const voice = recordingActivity('104', '2026-03-15T10:00:00Z', {
      recordingType: 'audio',
      recordingUrl: 'http://localhost/media/rec-104.weba?exp=4102444800&sig=abc',
      data: JSON.stringify({
        container: 'webm',
        recordingType: 'audio',
        videoCodec: null,
        audioCodec: 'opus',
      }),
    });
    serve([voice, newest]);
    renderReview('/objects/12/recordings/104');

    const player = await screen.findByTestId('player');
    expect(player).toHaveAttribute('data-type', 'audio/webm');
    expect(player).toHaveAttribute('data-audio', 'true');
    expect(screen.getByTestId('audio-view')).toHaveTextContent('Audio recording');
  });

  it('shows a video without the audio view', async () => {
    serve();
    renderReview('/objects/12/recordings/103');
    expect(await screen.findByTestId('player')).toHaveAttribute('data-type', 'video/webm');
    expect(screen.queryByTestId('audio-view')).not.toBeInTheDocument();
  });

  it('links to the newer and the older recording of the conversation', async () => {
    serve();
    const { router } = renderReview('/objects/12/recordings/102');

    const neighbours = await screen.findByRole('navigation', {
      name: 'Other recordings of this conversation',
    });
    const older = within(neighbours).getByRole('link', { name: /Older recording/ });
    const newer = within(neighbours).getByRole('link', { name: /Newer recording/ });
    expect(older).toHaveAttribute('href', '/objects/12/recordings/101');
    expect(newer).toHaveAttribute('href', '/objects/12/recordings/103');
    expect(older).toHaveTextContent('0:45');

    await userEvent.setup().click(older);
    expect(router.state.location.pathname).toBe('/objects/12/recordings/101');
    // The oldest recording's data is not JSON: the details simply leave the file rows out.
    const details = await screen.findByRole('region', { name: 'Recording details' });
    await within(details).findByText('0:45');
    expect(within(details).queryByText('Container')).not.toBeInTheDocument();
    expect(
      within(screen.getByRole('navigation', { name: /Other recordings/ })).queryByRole('link', {
        name: /Older/,
      }),
    ).toBeNull();
  });

  it('says the recording does not exist when the id is not among the object’s recordings', async () => {
    serve();
    renderReview('/objects/12/recordings/999');

    expect(await screen.findByRole('heading', { level: 1, name: 'Recording not found' })).toBeInTheDocument();
    expect(
      screen.getByText('This recording doesn’t exist or you don’t have access to it.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the timeline' })).toHaveAttribute('href', '/objects/12');
  });

  it('says the same when the object is unknown or hidden (404)', async () => {
    server.use(
      http.get('/api/objects/12/activities', () => errorEnvelope(404, 'No such object.')),
      http.get('/api/objects', () => envelope([])),
    );
    renderReview('/objects/12/recordings/102');

    expect(await screen.findByRole('heading', { level: 1, name: 'Recording not found' })).toBeInTheDocument();
  });

  it('shows a failure with a retry that recovers', async () => {
    let calls = 0;
    server.use(
      http.get('/api/objects/12/activities', () => {
        calls += 1;
        return calls <= 3 ? errorEnvelope(500, 'The server had a problem.') : envelope([middle]);
      }),
      http.get('/api/objects', () => envelope([])),
    );
    renderReview('/objects/12/recordings/102');

    expect(await screen.findByRole('heading', { name: 'Couldn’t load this recording' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('The server had a problem.');

    await userEvent.setup().click(screen.getByRole('button', { name: 'Retry' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Call with Dana Whitfield' }),
    ).toBeInTheDocument();
  });

  it('copies a link at the current time, and offers the link when there is no clipboard', async () => {
    serve();
    const user = userEvent.setup();
    renderReview('/objects/12/recordings/102');
    await screen.findByTestId('player');

    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    await user.click(screen.getByRole('button', { name: 'Copy link at current time' }));
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/objects/12/recordings/102?t=0`);
    expect(await screen.findByText('Link copied')).toBeInTheDocument();

    writeText.mockRejectedValueOnce(new Error('denied'));
    await user.click(screen.getByRole('button', { name: 'Copy link at current time' }));
    expect(await screen.findByLabelText('Link at current time')).toHaveValue(
      `${window.location.origin}/objects/12/recordings/102?t=0`,
    );
  });

  it('opens the keyboard shortcuts with ? and closes them', async () => {
    serve();
    const user = userEvent.setup();
    renderReview('/objects/12/recordings/102');
    await screen.findByTestId('player');

    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Forward 10 seconds')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
