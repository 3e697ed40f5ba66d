// The video.js player, loaded as its own chunk. This component owns the player's life: it creates it
// in an effect on an element React never renders into, disposes it on unmount, and hands out a typed
// handle. The core build plays progressive MP4/WebM; HLS/DASH (VHS) would triple the chunk for nothing.
import { useEffect, useRef } from 'react';
import videojs from 'video.js/core.es.js';
import 'video.js/dist/video-js.css';
import './player.css';
import { PLAYBACK_RATES, clampTime, type PlayerHandle } from './player-handle';
import type { PlaybackState } from '../../lib/source-refresh';

export interface VideoPlayerProps {
  /** The first source; later ones come through `handle.setSource` (signed URLs are refreshed). */
  source: string;
  mimeType?: string;
  poster?: string;
  /** A recording of sound alone: no picture to show, so the controls stay in view over the audio view. */
  audioOnly?: boolean;
  /** Seconds to start at once the metadata is known (clamped to the duration). */
  startAt?: number;
  label: string;
  onReady: (handle: PlayerHandle | null) => void;
  /**
   * A <video> already on the page with `source` (createVideoElement), loading while this chunk did; the
   * player adopts it. Without one the player makes its own.
   */
  element?: HTMLVideoElement;
}

type Player = ReturnType<typeof videojs>;

export default function VideoPlayer(props: VideoPlayerProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  // Read once, when the player is created: React re-rendering must never touch the player.
  const initialProps = useRef(props);
  const onReadyRef = useRef(props.onReady);
  useEffect(() => {
    onReadyRef.current = props.onReady;
  });

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const { source, mimeType, poster, startAt, label, audioOnly } = initialProps.current;

    // video.js wraps and on dispose removes its element, so it gets one React does not know about: the
    // <video> the page put up early while it is still there (a second effect run in development finds
    // it disposed), else an empty <video-js> that video.js fills with its own <video> and the source.
    const early = initialProps.current.element;
    const adopted = early?.isConnected ? early : null;
    const element = adopted ?? document.createElement('video-js');
    if (!adopted) {
      element.classList.add('vjs-big-play-centered', 'vjs-tapeline');
      if (audioOnly) element.classList.add('vjs-tapeline-audio');
      host.appendChild(element);
    }

    const player: Player = videojs(element, {
      controls: true,
      preload: 'auto',
      fill: true,
      poster: poster ?? undefined,
      playbackRates: [...PLAYBACK_RATES],
      // The page's shortcuts handle the keys; video.js hotkeys would act on the same key a second time.
      userActions: { hotkeys: false },
      // The page shows its own message after refreshing the signed URL has failed; a refresh shows none.
      errorDisplay: false,
      // An adopted element keeps what it buffered when given the URL it resolved, not a relative one.
      sources: [{ src: adopted ? adopted.src : source, type: mimeType }],
      // Nothing to watch while sound plays: the controls never fade out.
      ...(audioOnly ? { inactivityTimeout: 0 } : {}),
    });
    // The player is the labelled control now, not the element inside it.
    player.el().setAttribute('aria-label', label);
    adopted?.removeAttribute('aria-label');

    // `?t=`: applied once the first source's metadata is known. Until then it is the position to
    // keep, should that first source need replacing (an expired URL from the cache) before it loads.
    const start: StartPosition = { pending: startAt !== undefined && startAt > 0 ? startAt : undefined };
    const applyStart = () => {
      if (start.pending !== undefined) player.currentTime(clampTime(start.pending, player.duration() ?? NaN));
      start.pending = undefined;
    };
    if (adopted) {
      // The adopted element is moved itself, on its own metadata: video.js holds a seek made before it is
      // ready until the next `canplay`, which an element that loaded early may already have had.
      const seekElement = () => {
        if (start.pending !== undefined) adopted.currentTime = clampTime(start.pending, adopted.duration);
        start.pending = undefined;
      };
      if (adopted.readyState >= HTMLMediaElement.HAVE_METADATA) seekElement();
      else adopted.addEventListener('loadedmetadata', seekElement, { once: true });
    } else {
      player.one('loadedmetadata', applyStart);
    }

    const loads = { current: 0 };
    const handle = createHandle(player, { mimeType, start, loads });
    onReadyRef.current(handle);

    return () => {
      onReadyRef.current(null);
      loads.current++;
      player.dispose();
    };
  }, []);

  return <div ref={hostRef} className="size-full" />;
}

interface StartPosition {
  pending: number | undefined;
}

function createHandle(
  player: Player,
  {
    mimeType,
    start,
    loads,
  }: {
    mimeType: string | undefined;
    start: StartPosition;
    /** Counts source changes, so a load that another one overtook never reports success. */
    loads: { current: number };
  },
): PlayerHandle {
  const alive = () => !player.isDisposed();

  const playbackState = (): PlaybackState => ({
    time: start.pending ?? player.currentTime() ?? 0,
    paused: player.paused(),
    rate: player.playbackRate() ?? 1,
  });

  const restorePlaybackState = (state: PlaybackState) => {
    if (!alive()) return;
    player.playbackRate(state.rate);
    player.currentTime(clampTime(state.time, player.duration() ?? NaN));
    // After a new source video.js shows the poster and big play button again; this is the same recording.
    if (state.time > 0 || !state.paused) player.hasStarted(true);
    if (state.paused) player.pause();
    else void player.play()?.catch(() => {});
  };

  const handle: PlayerHandle = {
    play: () => void (alive() && player.play()?.catch(() => {})),
    pause: () => alive() && player.pause(),
    paused: () => !alive() || player.paused(),
    seek: (seconds) => {
      if (alive()) player.currentTime(clampTime(seconds, player.duration() ?? NaN));
    },
    currentTime: () => (alive() ? (player.currentTime() ?? 0) : 0),
    duration: () => (alive() ? (player.duration() ?? NaN) : NaN),
    playbackRate: () => (alive() ? (player.playbackRate() ?? 1) : 1),
    setPlaybackRate: (rate) => alive() && player.playbackRate(rate),
    currentSource: () => (alive() ? player.currentSrc() : ''),
    playbackState,
    restorePlaybackState,
    errorCode: () => (alive() ? (player.error()?.code ?? undefined) : undefined),
    clearError: () => alive() && player.error(null),
    focus: () => alive() && player.focus(),
    progressControl: () =>
      alive() ? player.el().querySelector<HTMLElement>('.vjs-control-bar .vjs-progress-control') : null,
    on: (event, listener) => {
      player.on(event, listener);
      return () => {
        if (alive()) player.off(event, listener);
      };
    },
    setSource: (url, { keepPosition = false } = {}) => {
      const remembered = keepPosition ? playbackState() : null;
      const token = ++loads.current;
      return new Promise<void>((resolve, reject) => {
        const settle = (outcome: () => void) => {
          player.off('loadedmetadata', onLoaded);
          player.off('error', onError);
          outcome();
        };
        const onLoaded = () =>
          settle(() => {
            if (token !== loads.current) return reject(new Error('Another source was loaded meanwhile.'));
            if (remembered) restorePlaybackState(remembered);
            resolve();
          });
        const onError = () =>
          settle(() => reject(new Error(player.error()?.message || 'The recording could not be loaded.')));
        player.src({ src: url, type: mimeType });
        player.on('loadedmetadata', onLoaded);
        player.on('error', onError);
      });
    },
  };
  return handle;
}
