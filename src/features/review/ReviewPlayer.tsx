// The player with everything around it: signed-URL refresh, keyboard shortcuts, ?t=, copy link, failure.
import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { RecordingEntry } from '../../api/activities';
import { Button } from '../../components/Button';
import { Spinner } from '../../components/Spinner';
import type { ReviewPlayerControls } from '../../lib/player-controls';
import type { PlayerHandle } from './player-handle';
import { usePlayReported } from './api';
import { AudioView } from './AudioView';
import { CopyLinkButton } from './CopyLinkButton';
import { loadVideoPlayer } from './load-video-player';
import { newPlaySession, withPlaySession } from '../../lib/play-session';
import { parseRecordingData, recordingMimeType } from './recording-metadata';
import { createReviewPlayerControls } from './review-player-controls';
import { ShortcutsDialog } from './ShortcutsDialog';
import { createVideoElement } from './video-element';
import { shortcutFor, type ShortcutAction } from './shortcuts';
import { SourceRefreshController, type RefreshStatus } from '../../lib/source-refresh';
import type { ShortcutHelp } from './shortcuts';

const VideoPlayer = lazy(loadVideoPlayer);

export interface ReviewPlayerProps {
  objectId: string;
  recording: RecordingEntry;
  /** When the API answered with `recording.recordingUrl` (epoch ms): the URL's lifetime starts there. */
  issuedAt: number;
  startAt?: number;
  label: string;
  fetchFreshUrl: () => Promise<string>;
  /** The player for a side panel once it is ready; null again when it goes away. */
  onControls?: (controls: ReviewPlayerControls | null) => void;
  /** Keys that others on the page handle, listed in the `?` dialog too. */
  extraShortcuts?: ShortcutHelp[];
}

export function ReviewPlayer({
  objectId,
  recording,
  issuedAt,
  startAt,
  label,
  fetchFreshUrl,
  onControls,
  extraShortcuts,
}: ReviewPlayerProps) {
  const [handle, setHandle] = useState<PlayerHandle | null>(null);
  const [status, setStatus] = useState<RefreshStatus>({ state: 'playing-source' });
  const [helpOpen, setHelpOpen] = useState(false);
  const [playing, setPlaying] = useState(false);
  const controllerRef = useRef<SourceRefreshController | null>(null);
  // The player owns its source once created; later renders (fresh URLs in the cache) must not reload it.
  // Led by the activity id: recordings may share one media object, and the audit names the right one.
  const [playSession] = useState(() => `${recording.id ?? 'r'}-${newPlaySession()}`);
  const [initial] = useState(() => ({
    url: withPlaySession(recording.recordingUrl, playSession),
    issuedAt,
    mimeType: recordingMimeType(
      parseRecordingData(recording.data).container,
      recording.recordingUrl,
      recording.recordingType,
    ),
    audioOnly: recording.recordingType === 'audio',
    poster: recording.identity?.thumbnailUrl ?? undefined,
  }));
  usePlayReported(handle, recording.id ?? null, playSession);
  const fetchFreshUrlRef = useRef(fetchFreshUrl);
  useEffect(() => {
    fetchFreshUrlRef.current = fetchFreshUrl;
  });

  // The first frame should not wait for the player's code: the <video> goes up at once, the player
  // adopts it when its chunk arrives.
  const stageRef = useRef<HTMLDivElement>(null);
  const [earlyVideo] = useState(() =>
    createVideoElement({ source: initial.url, poster: initial.poster, audioOnly: initial.audioOnly, label }),
  );
  useLayoutEffect(() => {
    if (!earlyVideo.isConnected) stageRef.current?.appendChild(earlyVideo);
  }, [earlyVideo]);

  useEffect(() => {
    if (!handle) return;
    const controller = new SourceRefreshController({
      player: {
        playbackState: () => handle.playbackState(),
        loadSource: (url) => handle.setSource(url),
        restorePlaybackState: (state) => handle.restorePlaybackState(state),
        clearError: () => handle.clearError(),
      },
      fetchFreshUrl: async () => withPlaySession(await fetchFreshUrlRef.current(), playSession),
      onStatus: setStatus,
    });
    controllerRef.current = controller;
    controller.start(initial.url, initial.issuedAt);
    const stopListening = handle.on('error', () => controller.handleMediaError(handle.errorCode()));
    return () => {
      stopListening();
      controller.dispose();
      controllerRef.current = null;
    };
  }, [handle, initial, playSession]);

  // Only the audio view needs to know; a video shows for itself whether it plays.
  useEffect(() => {
    if (!handle || !initial.audioOnly) return;
    const update = () => setPlaying(!handle.paused());
    const events = ['play', 'pause', 'ended'] as const;
    const stops = events.map((event) => handle.on(event, update));
    return () => stops.forEach((stop) => stop());
  }, [handle, initial]);

  const onControlsRef = useRef(onControls);
  useEffect(() => {
    onControlsRef.current = onControls;
  });
  // The keys, "copy link" and the side panel all act through these, so a swap in progress is honoured once.
  const controlsRef = useRef<ReviewPlayerControls | null>(null);
  useEffect(() => {
    if (!handle) return;
    const { controls, dispose } = createReviewPlayerControls(handle, recording.duration, {
      pending: () => controllerRef.current?.rememberedState ?? null,
      noteIntent: (intent) => controllerRef.current?.noteIntent(intent),
    });
    controlsRef.current = controls;
    onControlsRef.current?.(controls);
    return () => {
      onControlsRef.current?.(null);
      controlsRef.current = null;
      dispose();
    };
  }, [handle, recording.duration]);

  useEffect(() => {
    function perform(action: ShortcutAction) {
      if (action.type === 'toggle-help') return setHelpOpen((open) => !open);
      const controls = controlsRef.current;
      if (!controls) return;
      if (action.type === 'toggle-play') {
        if (controls.paused()) controls.play();
        else controls.pause();
      } else {
        controls.seek(controls.currentTime() + action.seconds);
      }
    }
    function onKeyDown(event: KeyboardEvent) {
      const action = shortcutFor(event);
      if (!action) return;
      // With the dialog open only `?` (and the dialog's own Escape) does anything.
      if (helpOpen && action.type !== 'toggle-help') return;
      event.preventDefault();
      perform(action);
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [helpOpen]);

  const linkAt = () => {
    const seconds = Math.floor(controlsRef.current?.currentTime() ?? 0);
    return `${window.location.origin}/objects/${encodeURIComponent(objectId)}/recordings/${encodeURIComponent(recording.key)}?t=${seconds}`;
  };

  return (
    <div className="space-y-4">
      <div className="relative aspect-video overflow-hidden rounded-xl bg-slate-950 shadow-sm ring-1 ring-slate-900/10">
        {initial.audioOnly && <AudioView playing={playing} />}
        <div ref={stageRef} className="absolute inset-0" />
        <Suspense fallback={<PlayerLoading />}>
          <VideoPlayer
            element={earlyVideo}
            source={initial.url}
            mimeType={initial.mimeType}
            poster={initial.poster}
            audioOnly={initial.audioOnly}
            startAt={startAt}
            label={label}
            onReady={setHandle}
          />
        </Suspense>
        {status.state === 'failed' && <PlaybackFailed onRetry={() => controllerRef.current?.retry()} />}
      </div>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <CopyLinkButton linkAt={linkAt} />
        <Button variant="ghost" aria-haspopup="dialog" onClick={() => setHelpOpen(true)}>
          <kbd className="rounded border border-slate-300 bg-white px-1.5 text-xs font-semibold text-slate-600">
            ?
          </kbd>
          Keyboard shortcuts
        </Button>
      </div>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} extraShortcuts={extraShortcuts} />
    </div>
  );
}

function PlayerLoading() {
  return (
    <div role="status" className="absolute inset-0 grid place-items-center text-sm text-slate-300">
      <span className="inline-flex items-center gap-2">
        <Spinner />
        Loading the player…
      </span>
    </div>
  );
}

function PlaybackFailed({ onRetry }: { onRetry: () => void }) {
  return (
    <div className="absolute inset-0 grid place-items-center bg-slate-950/85 p-6 text-center">
      <div role="alert" className="max-w-sm">
        <p className="text-base font-semibold text-white">The recording could not be loaded.</p>
        <p className="mt-1.5 text-sm text-slate-300">
          The connection to the media server was lost or the link to the file expired. Check your connection
          and try again; playback continues where you left off.
        </p>
        <Button className="mt-4" onClick={onRetry}>
          Retry
        </Button>
      </div>
    </div>
  );
}
