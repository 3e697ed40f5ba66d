// The review player as the page's keys, "copy link" and the side panel see it (ReviewPlayerControls),
// built on the typed PlayerHandle and aware of a source swap in progress.
import type { PlayerMarker, ReviewPlayerControls } from '../../lib/player-controls';
import { clampTime, type PlayerHandle } from './player-handle';
import { removeProgressMarkers, renderProgressMarkers, renderProgressRange } from './progress-markers';
import type { PlaybackState } from '../../lib/source-refresh';

/**
 * A fresh signed URL being swapped in. Meanwhile the element reports the new source's start (0 s,
 * paused); what counts is the state playback comes back to, and what the user asks for goes to it.
 */
export interface SourceSwap {
  /** The state playback comes back to while a swap runs; null when none does. */
  pending(): PlaybackState | null;
  noteIntent(intent: Partial<PlaybackState>): void;
}

export function createReviewPlayerControls(
  handle: PlayerHandle,
  /** The recording's length from the API, used until the player knows the file's own. */
  knownDuration: number,
  swap: SourceSwap,
): { controls: ReviewPlayerControls; dispose: () => void } {
  let markers: PlayerMarker[] = [];
  let range: { start: number; end?: number } | null = null;
  const markerListeners = new Set<(marker: PlayerMarker) => void>();

  const duration = () => {
    const measured = handle.duration();
    return Number.isFinite(measured) && measured > 0 ? measured : knownDuration;
  };
  const position = () => swap.pending()?.time ?? handle.currentTime();
  const seek = (seconds: number) => {
    const to = clampTime(seconds, duration());
    handle.seek(to);
    swap.noteIntent({ time: to });
  };
  const choose = (marker: PlayerMarker) => {
    seek(marker.start);
    for (const listener of markerListeners) listener(marker);
  };
  const render = () => {
    renderProgressMarkers(handle.progressControl(), markers, duration(), choose);
    renderProgressRange(handle.progressControl(), range, duration());
  };
  // A new source (a refreshed signed URL) may bring a more exact duration; positions follow it.
  const stopRerendering = handle.on('loadedmetadata', render);

  const controls: ReviewPlayerControls = {
    currentTime: position,
    duration,
    seek,
    play: () => {
      handle.play();
      swap.noteIntent({ paused: false });
    },
    pause: () => {
      handle.pause();
      swap.noteIntent({ paused: true });
    },
    paused: () => swap.pending()?.paused ?? handle.paused(),
    setRange: (next) => {
      range = next && { ...next };
      render();
    },
    setMarkers: (next) => {
      markers = [...next];
      render();
    },
    onMarkerClick: (listener) => {
      markerListeners.add(listener);
      return () => markerListeners.delete(listener);
    },
    onTimeUpdate: (listener) => handle.on('timeupdate', () => listener(position())),
  };
  return {
    controls,
    dispose: () => {
      stopRerendering();
      markerListeners.clear();
      removeProgressMarkers(handle.progressControl());
      renderProgressRange(handle.progressControl(), null, NaN);
    },
  };
}
