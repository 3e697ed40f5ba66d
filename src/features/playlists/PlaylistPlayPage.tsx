// /playlists/:id/play — the clips back to back in one player: each from its start to its end, then the
// next, without a reload; rate and volume kept; N/P; progress measured from what is played and saved as
// it goes; signed URLs refreshed before they expire or after a media error, as on the review page; each
// recording's first play in its player session reported to the audit trail.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ItemProgress, Playlist, PlaylistItem } from '../../../contract/playlists';
import { mergeRanges, playedSeconds } from '../../../contract/playlists';
import { Button } from '../../components/Button';
import { QueryErrorPanel } from '../../components/QueryErrorPanel';
import { Spinner } from '../../components/Spinner';
import { StatePanel } from '../../components/StatePanel';
import { isApiError } from '../../lib/api-client';
import { containerMimeType, type ClipPlayerComponent, type ClipPlayerHandle } from '../../lib/clip-player';
import { formatCount, formatDuration } from '../../lib/format';
import { isTypingTarget } from '../../lib/keyboard';
import { newPlaySession, withPlaySession } from '../../lib/play-session';
import { SourceRefreshController, type RefreshStatus } from '../../lib/source-refresh';
import { playlistKeys, playlistQueryOptions, reportPlay, reportProgress, trainingQueryOptions } from './api';
import { PlayedRangeTracker } from './played-ranges';

/** How often progress is saved while playing. */
const SAVE_EVERY_MS = 5000;
/** A clip ends this close to its end (time updates come every ~250 ms). */
const END_TOLERANCE_SECONDS = 0.15;

export function PlaylistPlayPage({ Player }: { Player: ClipPlayerComponent }) {
  const { id = '' } = useParams();
  const playlist = useQuery(playlistQueryOptions(id));
  const training = useQuery(trainingQueryOptions());

  if (playlist.isError && isApiError(playlist.error) && [400, 404].includes(playlist.error.status)) {
    return (
      <>
        <title>Playlist not found · Tapeline</title>
        <StatePanel icon="empty" headingLevel={1} title="Playlist not found">
          This playlist doesn’t exist or it isn’t shared with you.
        </StatePanel>
      </>
    );
  }
  if (playlist.isError)
    return <QueryErrorPanel headingLevel={1} title="Couldn’t load this playlist" query={playlist} />;
  if (!playlist.data || training.isPending) {
    return (
      <p role="status" className="inline-flex items-center gap-2 text-sm text-slate-600">
        <Spinner /> Loading the playlist…
      </p>
    );
  }
  const assigned = (training.data ?? []).some((entry) => entry.playlistId === id);
  return <PlaylistPlayer key={id} playlist={playlist.data} assigned={assigned} Player={Player} />;
}

function PlaylistPlayer({
  playlist,
  assigned,
  Player,
}: {
  playlist: Playlist;
  /** Only assignees' progress is recorded. */
  assigned: boolean;
  Player: ClipPlayerComponent;
}) {
  const queryClient = useQueryClient();
  const playable = useMemo(() => playlist.items.filter((item) => item.available), [playlist.items]);
  // Resume at the first clip not yet watched, where its played part ends.
  const [initial] = useState(() => {
    const index = Math.max(
      0,
      playable.findIndex((item) => !item.progress.watched),
    );
    const item = playable[index];
    const resumeAt = item
      ? (item.progress.playedRanges.find(([from]) => from <= item.startSeconds + 0.5)?.[1] ??
        item.startSeconds)
      : 0;
    return { index, resumeAt: item && resumeAt < item.endSeconds - 1 ? resumeAt : (item?.startSeconds ?? 0) };
  });
  const [currentIndex, setCurrentIndex] = useState(initial.index);
  const [handle, setHandle] = useState<ClipPlayerHandle | null>(null);
  const [finished, setFinished] = useState(false);
  const [status, setStatus] = useState<RefreshStatus>({ state: 'playing-source' });
  const current = playable[currentIndex];

  const state = useRef({
    index: initial.index,
    rate: 1,
    tracker: new PlayedRangeTracker(),
    switching: false,
  });
  // One player session per recording on this page, so the audit trail records one play of each clip's
  // recording however many ranges, clips and URL refreshes it takes.
  const [playSessions] = useState(() => new Map<string, string>());
  const sessionOf = useCallback(
    (item: PlaylistItem) => {
      const recording = item.activityId ?? 'r';
      let session = playSessions.get(recording);
      if (!session) {
        session = `${recording}-${newPlaySession()}`;
        playSessions.set(recording, session);
      }
      return session;
    },
    [playSessions],
  );
  const sourceOf = useCallback(
    (item: PlaylistItem) => withPlaySession(item.recordingUrl!, sessionOf(item)),
    [sessionOf],
  );
  // The trail hears of each session once, at its first play (with S3 the media route never does).
  const [reportedSessions] = useState(() => new Set<string>());
  const reportFirstPlay = useCallback(
    (item: PlaylistItem | undefined) => {
      if (!item) return;
      const session = sessionOf(item);
      if (reportedSessions.has(session)) return;
      reportedSessions.add(session);
      // Fire and forget: playback never waits for the trail, nor stops when it cannot be told.
      reportPlay(playlist.id, item.id, session).catch(() => undefined);
    },
    [playlist.id, reportedSessions, sessionOf],
  );
  const playableRef = useRef(playable);
  useEffect(() => {
    playableRef.current = playable;
  });

  const save = useCallback(
    async (item: PlaylistItem | undefined) => {
      const ranges = state.current.tracker.take();
      if (!assigned || !item || ranges.length === 0) return;
      try {
        const saved: ItemProgress = await reportProgress(playlist.id, item.id, ranges);
        queryClient.setQueryData(
          playlistKeys.one(playlist.id),
          (old: Playlist | undefined) =>
            old && {
              ...old,
              items: old.items.map((entry) => (entry.id === item.id ? { ...entry, progress: saved } : entry)),
            },
        );
        if (saved.watched) void queryClient.invalidateQueries({ queryKey: playlistKeys.training() });
      } catch {
        // Kept for the next save: the server merges whatever it is sent.
        state.current.tracker.putBack(ranges);
      }
    },
    [assigned, playlist.id, queryClient],
  );

  const refreshRef = useRef<SourceRefreshController | null>(null);

  /** Moves to clip `index`: another recording loads its own URL; the same one just seeks. */
  const goTo = useCallback(
    async (index: number, { play = true, at }: { play?: boolean; at?: number } = {}) => {
      const items = playableRef.current;
      const target = items[index];
      if (!handle) return;
      const leaving = items[state.current.index];
      state.current.tracker.interrupt();
      void save(leaving);
      if (!target) {
        handle.pause();
        setFinished(true);
        return;
      }
      setFinished(false);
      state.current.index = index;
      setCurrentIndex(index);
      const url = sourceOf(target);
      // Time updates, the end and rate changes of the switch itself are not the trainee's.
      state.current.switching = true;
      try {
        if (new URL(url).pathname !== new URL(handle.currentSource() || url, window.location.href).pathname) {
          await handle.setSource(url);
          refreshRef.current?.start(url, Date.now());
        }
        handle.setPlaybackRate(state.current.rate);
        handle.seek(at ?? target.startSeconds);
        if (play) handle.play();
      } finally {
        state.current.switching = false;
      }
    },
    [handle, save, sourceOf],
  );

  // The player is ready: start at the resume point, keep the rate, follow time, refresh signed URLs.
  useEffect(() => {
    if (!handle) return;
    const first = playableRef.current[state.current.index];
    const stops: (() => void)[] = [];
    stops.push(
      handle.on('ratechange', () => {
        if (!state.current.switching) state.current.rate = handle.playbackRate();
      }),
    );
    stops.push(handle.on('pause', () => state.current.tracker.interrupt()));
    // Playback starts where the element is, not at the first time update after it.
    stops.push(
      handle.on('play', () => {
        reportFirstPlay(playableRef.current[state.current.index]);
        if (!state.current.switching)
          state.current.tracker.observe(handle.currentTime(), performance.now(), handle.playbackRate());
      }),
    );
    if (!handle.paused()) reportFirstPlay(first);
    stops.push(
      handle.on('timeupdate', () => {
        const item = playableRef.current[state.current.index];
        if (!item || state.current.switching || handle.paused()) return;
        const t = handle.currentTime();
        if (t < item.startSeconds - 0.5) {
          // Outside the clip: the playlist grants its range only.
          handle.seek(item.startSeconds);
          return;
        }
        const atEnd = t >= item.endSeconds - END_TOLERANCE_SECONDS;
        // The clip hands over within a time update of its end: that last bit was played too.
        state.current.tracker.observe(atEnd ? item.endSeconds : t, performance.now(), handle.playbackRate());
        if (atEnd) void goTo(state.current.index + 1);
      }),
    );
    stops.push(
      handle.on('ended', () => {
        if (!state.current.switching) void goTo(state.current.index + 1);
      }),
    );

    const controller = new SourceRefreshController({
      player: {
        playbackState: () => ({
          time: handle.currentTime(),
          paused: handle.paused(),
          rate: state.current.rate,
        }),
        loadSource: (url) => handle.setSource(url),
        restorePlaybackState: (restored) => {
          handle.setPlaybackRate(restored.rate);
          handle.seek(restored.time);
          if (restored.paused) handle.pause();
          else handle.play();
        },
        clearError: () => handle.clearError(),
      },
      fetchFreshUrl: async () => {
        const fresh = await queryClient.fetchQuery({
          ...playlistQueryOptions(playlist.id),
          staleTime: 0,
          retry: false,
        });
        const item = fresh.items.find((entry) => entry.id === playableRef.current[state.current.index]?.id);
        if (!item?.recordingUrl) throw new Error('This clip is no longer available.');
        return sourceOf(item);
      },
      onStatus: setStatus,
    });
    refreshRef.current = controller;
    if (first?.recordingUrl) controller.start(sourceOf(first), Date.now());
    stops.push(handle.on('error', () => controller.handleMediaError(handle.errorCode())));

    return () => {
      for (const stop of stops) stop();
      controller.dispose();
      refreshRef.current = null;
    };
  }, [handle, goTo, playlist.id, queryClient, reportFirstPlay, sourceOf]);

  // Saved as it goes: every few seconds, when the tab is hidden, and when the page goes.
  useEffect(() => {
    const flush = () => void save(playableRef.current[state.current.index]);
    const timer = window.setInterval(flush, SAVE_EVERY_MS);
    const onHidden = () => document.visibilityState === 'hidden' && flush();
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', flush);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [save]);

  // N and P: next and previous clip; Space and K: play or pause.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (
        event.defaultPrevented ||
        event.altKey ||
        event.ctrlKey ||
        event.metaKey ||
        isTypingTarget(event.target)
      )
        return;
      const key = event.key.toLowerCase();
      if (key === 'n' || key === 'p') {
        event.preventDefault();
        const next = state.current.index + (key === 'n' ? 1 : -1);
        if (next >= 0 && next < playableRef.current.length) void goTo(next);
      } else if (
        key === 'k' ||
        (key === ' ' && !(event.target as Element | null)?.closest?.('button, a, input, select'))
      ) {
        event.preventDefault();
        if (!handle) return;
        if (handle.paused()) handle.play();
        else handle.pause();
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [goTo, handle]);

  const watchedCount = playlist.items.filter((item) => item.available && item.progress.watched).length;

  return (
    <div>
      <title>{`${playlist.title} · Playlists · Tapeline`}</title>
      <nav aria-label="Breadcrumb" className="mb-4 text-sm text-slate-600">
        <Link to="/playlists" className="hover:underline">
          Playlists
        </Link>{' '}
        / <span className="font-medium text-slate-900">{playlist.title}</span>
      </nav>
      <header className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{playlist.title}</h1>
        {playlist.description && (
          <p className="mt-1 text-[0.9375rem] text-slate-600">{playlist.description}</p>
        )}
        <p className="mt-1 text-sm text-slate-600" data-testid="playlist-progress">
          {watchedCount} of {formatCount(playable.length, 'clip')} watched ·{' '}
          {formatDuration(playlist.totalSeconds)} in all
        </p>
      </header>

      {playable.length === 0 ? (
        <StatePanel icon="empty" title="Nothing to play">
          This playlist has no clips that can be played.
        </StatePanel>
      ) : (
        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <section aria-label="Player" className="min-w-0 space-y-3">
            <div className="relative aspect-video overflow-hidden rounded-xl bg-slate-950 shadow-sm ring-1 ring-slate-900/10">
              <Suspense
                fallback={
                  <div
                    role="status"
                    className="absolute inset-0 grid place-items-center text-sm text-slate-300"
                  >
                    Loading the player…
                  </div>
                }
              >
                <Player
                  source={sourceOf(playable[initial.index]!)}
                  mimeType={containerMimeType(playable[initial.index]!.container)}
                  startAt={initial.resumeAt}
                  label={`${playlist.title}: clip player`}
                  onReady={setHandle}
                />
              </Suspense>
              {status.state === 'failed' && (
                <div className="absolute inset-0 grid place-items-center bg-slate-950/85 p-6 text-center">
                  <div role="alert">
                    <p className="font-semibold text-white">The clip could not be loaded.</p>
                    <Button className="mt-4" onClick={() => refreshRef.current?.retry()}>
                      Retry
                    </Button>
                  </div>
                </div>
              )}
            </div>
            <div className="flex flex-wrap items-center justify-between gap-3">
              <p className="text-sm text-slate-700" aria-live="polite">
                {finished
                  ? 'You reached the end of the playlist.'
                  : current &&
                    `Clip ${currentIndex + 1} of ${playable.length}: ${formatDuration(current.startSeconds)}–${formatDuration(current.endSeconds)}`}
              </p>
              <div className="flex gap-2">
                <Button
                  variant="secondary"
                  disabled={currentIndex === 0}
                  onClick={() => void goTo(currentIndex - 1)}
                >
                  Previous clip <kbd className="text-xs text-slate-500">P</kbd>
                </Button>
                <Button
                  variant="secondary"
                  disabled={currentIndex >= playable.length - 1}
                  onClick={() => void goTo(currentIndex + 1)}
                >
                  Next clip <kbd className="text-xs text-slate-500">N</kbd>
                </Button>
              </div>
            </div>
            {!assigned && (
              <p className="text-sm text-slate-600">
                You are previewing this playlist: progress is recorded for its assignees only.
              </p>
            )}
          </section>
          <ClipList
            items={playlist.items}
            currentId={finished ? null : (current?.id ?? null)}
            onChoose={(item) => void goTo(playable.indexOf(item))}
          />
        </div>
      )}
    </div>
  );
}

function ClipList({
  items,
  currentId,
  onChoose,
}: {
  items: PlaylistItem[];
  currentId: string | null;
  onChoose: (item: PlaylistItem) => void;
}) {
  return (
    <section aria-labelledby="clips-heading" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <h2
        id="clips-heading"
        className="border-b border-slate-100 px-5 py-3 text-base font-semibold text-slate-900"
      >
        Clips
      </h2>
      <ol className="divide-y divide-slate-100">
        {items.map((item, index) => {
          const length = item.endSeconds - item.startSeconds;
          const played = playedSeconds(
            mergeRanges(item.progress.playedRanges, item.startSeconds, item.endSeconds),
          );
          const share = length > 0 ? Math.min(1, played / length) : 0;
          const isCurrent = item.id === currentId;
          return (
            <li
              key={item.id}
              aria-current={isCurrent ? 'true' : undefined}
              className={isCurrent ? 'bg-brand-50' : ''}
            >
              <button
                type="button"
                disabled={!item.available}
                onClick={() => onChoose(item)}
                className="block w-full px-5 py-3 text-left hover:bg-slate-50 disabled:cursor-not-allowed disabled:hover:bg-transparent"
              >
                <span className="flex items-baseline justify-between gap-2">
                  <span className="text-sm font-semibold text-slate-900">
                    {index + 1}.{' '}
                    {item.available
                      ? `${formatDuration(item.startSeconds)}–${formatDuration(item.endSeconds)}`
                      : 'No longer available'}
                  </span>
                  <span className="text-xs text-slate-600">
                    {item.progress.watched ? 'Watched' : item.available ? `${Math.round(share * 100)} %` : ''}
                  </span>
                </span>
                {item.note && <span className="mt-0.5 block text-sm text-slate-700">{item.note}</span>}
                {item.available && (
                  <span
                    role="progressbar"
                    aria-label={`Clip ${index + 1} watched`}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={Math.round(share * 100)}
                    className="mt-2 block h-1.5 overflow-hidden rounded-full bg-slate-200"
                  >
                    <span
                      className={`block h-full ${item.progress.watched ? 'bg-emerald-600' : 'bg-brand-600'}`}
                      style={{ width: `${share * 100}%` }}
                    />
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
