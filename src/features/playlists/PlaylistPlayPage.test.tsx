import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import type { ItemProgress, PlaylistItem, TrainingAssignment } from '../../../contract/playlists';
import type { ClipPlayerEvent, ClipPlayerHandle, ClipPlayerProps } from '../../lib/clip-player';
import { clip, playlistOf } from '../../test/playlist-data';
import { renderRoutes } from '../../test/Rendering';
import { envelope, server } from '../../test/server';
import { PlaylistPlayPage } from './PlaylistPlayPage';

/** A player without media: the test moves its time and fires its events, as a video element would. */
class FakePlayer implements ClipPlayerHandle {
  time = 0;
  rate = 1;
  isPaused = true;
  source = '';
  sources: string[] = [];
  private listeners = new Map<ClipPlayerEvent, Set<() => void>>();
  play() {
    this.isPaused = false;
    this.emit('play');
  }
  pause() {
    this.isPaused = true;
    this.emit('pause');
  }
  paused() {
    return this.isPaused;
  }
  seek(seconds: number) {
    this.time = seconds;
  }
  currentTime() {
    return this.time;
  }
  playbackRate() {
    return this.rate;
  }
  setPlaybackRate(rate: number) {
    this.rate = rate;
  }
  currentSource() {
    return this.source;
  }
  async setSource(url: string) {
    this.source = url;
    this.sources.push(url);
  }
  errorCode() {
    return undefined;
  }
  clearError() {}
  on(event: ClipPlayerEvent, listener: () => void) {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return () => set.delete(listener);
  }
  /** The page follows the player once it listens to its time. */
  followed() {
    return (this.listeners.get('timeupdate')?.size ?? 0) > 0;
  }
  emit(event: ClipPlayerEvent) {
    for (const listener of this.listeners.get(event) ?? []) listener();
  }
  /** Plays from where it is to `to` in time updates a quarter of a second apart. */
  playTo(to: number) {
    while (this.time < to) {
      this.time = Math.min(to, this.time + 0.25);
      this.emit('timeupdate');
    }
  }
}

function playerComponent(handle: FakePlayer) {
  return function Player({ source, startAt = 0, label, onReady }: ClipPlayerProps) {
    useEffect(() => {
      handle.source = source;
      handle.time = startAt;
      onReady(handle);
      return () => onReady(null);
    }, [source, startAt, onReady]);
    return <video aria-label={label} />;
  };
}

const clips = () => [
  clip({ id: '1', startSeconds: 2, endSeconds: 6, note: 'The apology' }),
  clip({ id: '2', note: 'Gone', available: false, recordingUrl: null }),
  clip({ id: '3', activityId: '5000002', startSeconds: 10, endSeconds: 20, note: 'The close' }),
];

function answer(items: PlaylistItem[], { assigned = true, playsAnswer = 204 } = {}) {
  const reports: { itemId: string; playedRanges: [number, number][] }[] = [];
  const plays: { itemId: string; playSession: string }[] = [];
  const training: TrainingAssignment[] = assigned
    ? [
        {
          playlistId: '42',
          title: 'Refunds, calmly',
          dueAt: null,
          watchedItems: 0,
          totalItems: 2,
          completedAt: null,
        },
      ]
    : [];
  server.use(
    http.get('/api/playlists/42', () => envelope(playlistOf(items))),
    http.get('/api/me/training', () => envelope(training)),
    http.put('/api/playlists/42/items/:itemId/progress', async ({ request, params }) => {
      const { playedRanges } = (await request.json()) as { playedRanges: [number, number][] };
      const itemId = String(params.itemId);
      reports.push({ itemId, playedRanges });
      const item = items.find((entry) => entry.id === itemId)!;
      const watchedSeconds = playedRanges.reduce((sum, [from, to]) => sum + to - from, 0);
      const progress: ItemProgress = {
        itemId,
        playedRanges,
        watchedSeconds,
        watched: watchedSeconds >= 0.9 * (item.endSeconds - item.startSeconds),
      };
      return envelope(progress);
    }),
    http.post('/api/playlists/42/items/:itemId/plays', async ({ request, params }) => {
      const { playSession } = (await request.json()) as { playSession: string };
      plays.push({ itemId: String(params.itemId), playSession });
      return new HttpResponse(null, { status: playsAnswer });
    }),
  );
  return { reports, plays };
}

function renderPlay(handle: FakePlayer) {
  return renderRoutes(
    [{ path: '/playlists/:id/play', element: <PlaylistPlayPage Player={playerComponent(handle)} /> }],
    {
      url: '/playlists/42/play',
    },
  );
}

const clipList = () => screen.getByRole('region', { name: 'Clips' });
const currentClip = () =>
  within(clipList())
    .getAllByRole('listitem')
    .find((item) => item.getAttribute('aria-current') === 'true');

describe('PlaylistPlayPage', () => {
  it('lists the clips with their notes and progress, the current one marked, a deleted one not playable', async () => {
    const items = clips();
    items[0] = {
      ...items[0]!,
      progress: { itemId: '1', playedRanges: [[2, 6]], watchedSeconds: 4, watched: true },
    };
    items[2] = {
      ...items[2]!,
      progress: { itemId: '3', playedRanges: [[10, 14]], watchedSeconds: 4, watched: false },
    };
    answer(items);
    const handle = new FakePlayer();
    renderPlay(handle);

    expect(await screen.findByTestId('playlist-progress')).toHaveTextContent(
      '1 of 2 clips watched · 0:14 in all',
    );
    const rows = within(clipList()).getAllByRole('listitem');
    expect(rows.map((row) => row.querySelector('span span')?.textContent)).toEqual([
      '1. 0:02–0:06',
      '2. No longer available',
      '3. 0:10–0:20',
    ]);
    expect(rows[0]).toHaveTextContent('The apology');
    expect(rows[0]).toHaveTextContent('Watched');
    expect(within(rows[2]!).getByRole('progressbar', { name: 'Clip 3 watched' })).toHaveAttribute(
      'aria-valuenow',
      '40',
    );
    expect(rows[2]).toHaveTextContent('40 %');
    expect(within(rows[1]!).getByRole('button')).toBeDisabled();
    // It resumes at the first clip not yet watched, where its played part ends.
    expect(currentClip()).toBe(rows[2]);
    await waitFor(() => expect(handle.followed()).toBe(true));
    expect(handle.time).toBe(14);
    expect(screen.getByText('Clip 2 of 2: 0:10–0:20')).toBeInTheDocument();
  });

  it('plays a clip to its end, then the next by itself; reports only what was played', async () => {
    const { reports } = answer(clips());
    const handle = new FakePlayer();
    renderPlay(handle);
    await screen.findByTestId('playlist-progress');
    await waitFor(() => expect(currentClip()).toHaveTextContent('The apology'));
    await waitFor(() => expect(handle.followed()).toBe(true));
    expect(handle.time).toBe(2);

    act(() => {
      handle.play();
      handle.playTo(3);
      // Skipping ahead: from 3 s to 5 s is not played.
      handle.seek(5);
      handle.emit('timeupdate');
      handle.playTo(6);
    });
    await waitFor(() => expect(currentClip()).toHaveTextContent('The close'));
    // The second clip is another recording: its own URL, at its start, with a player session of its own
    // for the audit trail (one play per recording, whatever the clips and ranges).
    expect(handle.sources).toHaveLength(1);
    const second = new URL(handle.sources[0]!);
    expect(second.pathname).toBe(new URL(clips()[2]!.recordingUrl!).pathname);
    expect(second.searchParams.get('play')).toMatch(new RegExp(`^${clips()[2]!.activityId}-[0-9a-f]{24}$`));
    await waitFor(() => expect(handle.time).toBe(10));
    await waitFor(() => expect(reports).toHaveLength(1));
    expect(reports[0]).toEqual({
      itemId: '1',
      playedRanges: [
        [2, 3],
        [5, 6],
      ],
    });
    expect(within(clipList()).getAllByRole('listitem')[0]).toHaveTextContent('50 %');
  });

  it('goes to the next and previous clip with N and P, and marks the clip watched once 90 % is played', async () => {
    const user = userEvent.setup();
    const { reports } = answer(clips());
    const handle = new FakePlayer();
    renderPlay(handle);
    await waitFor(() => expect(currentClip()).toHaveTextContent('The apology'));
    await waitFor(() => expect(handle.followed()).toBe(true));
    act(() => {
      handle.play();
      handle.playTo(5.75);
    });
    await user.keyboard('n');
    await waitFor(() => expect(currentClip()).toHaveTextContent('The close'));
    await waitFor(() => expect(reports).toEqual([{ itemId: '1', playedRanges: [[2, 5.75]] }]));
    expect(within(clipList()).getAllByRole('listitem')[0]).toHaveTextContent('Watched');
    await user.keyboard('p');
    await waitFor(() => expect(currentClip()).toHaveTextContent('The apology'));
    await waitFor(() => expect(handle.time).toBe(2));
  });

  it('reports the first play of each recording to the audit trail, once per player session', async () => {
    const user = userEvent.setup();
    // Clips 1 and 4 are of the same recording: one player session, one play.
    const items = [...clips(), clip({ id: '4', startSeconds: 7, endSeconds: 9, note: 'The refund' })];
    const { plays } = answer(items);
    const handle = new FakePlayer();
    renderPlay(handle);
    await waitFor(() => expect(currentClip()).toHaveTextContent('The apology'));
    await waitFor(() => expect(handle.followed()).toBe(true));
    expect(plays).toEqual([]);

    act(() => {
      handle.play();
      handle.playTo(4);
      handle.pause();
      handle.play();
      handle.playTo(6);
    });
    await waitFor(() => expect(currentClip()).toHaveTextContent('The close'));
    await user.keyboard('n');
    await waitFor(() => expect(currentClip()).toHaveTextContent('The refund'));
    await user.keyboard('p');
    await user.keyboard('p');
    await waitFor(() => expect(currentClip()).toHaveTextContent('The apology'));
    act(() => handle.play());

    await waitFor(() => expect(plays).toHaveLength(2));
    expect(plays.map((play) => play.itemId)).toEqual(['1', '3']);
    const [first, second] = plays.map((play) => play.playSession);
    expect(first).toMatch(/^5000001-[0-9a-f]{24}$/);
    expect(second).toMatch(/^5000002-[0-9a-f]{24}$/);
    // The session the media route hears (`play=` on Tapeline's own URLs) is the one reported.
    expect(handle.sources.map((source) => new URL(source).searchParams.get('play'))).toEqual([
      second,
      first,
      second,
      first,
    ]);
  });

  it('plays on when the audit trail cannot be told', async () => {
    const { plays } = answer(clips(), { playsAnswer: 500 });
    const handle = new FakePlayer();
    renderPlay(handle);
    await waitFor(() => expect(handle.followed()).toBe(true));
    act(() => {
      handle.play();
      handle.playTo(6);
    });
    await waitFor(() => expect(currentClip()).toHaveTextContent('The close'));
    await waitFor(() => expect(plays.map((play) => play.itemId)).toEqual(['1', '3']));
    expect(handle.paused()).toBe(false);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('lets someone not assigned preview the playlist without recording progress', async () => {
    const { reports, plays } = answer(clips(), { assigned: false });
    const handle = new FakePlayer();
    renderPlay(handle);
    expect(
      await screen.findByText(
        'You are previewing this playlist: progress is recorded for its assignees only.',
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(handle.followed()).toBe(true));
    act(() => {
      handle.play();
      handle.playTo(6);
    });
    await waitFor(() => expect(currentClip()).toHaveTextContent('The close'));
    expect(reports).toEqual([]);
    // Their plays are audited all the same.
    await waitFor(() => expect(plays.map((play) => play.itemId)).toEqual(['1', '3']));
  });
});
