// The review player as the side panel sees it (ReviewPlayerControls), built on the typed PlayerHandle.
import type { PlayerMarker, ReviewPlayerControls } from '../../lib/player-controls';
import type { PlayerHandle } from './player-handle';
import { removeProgressMarkers, renderProgressMarkers } from './progress-markers';

export function createReviewPlayerControls(
  handle: PlayerHandle,
  /** The recording's length from the API, used until the player knows the file's own. */
  knownDuration: number,
): { controls: ReviewPlayerControls; dispose: () => void } {
  let markers: PlayerMarker[] = [];
  const markerListeners = new Set<(marker: PlayerMarker) => void>();

  const duration = () => {
    const measured = handle.duration();
    return Number.isFinite(measured) && measured > 0 ? measured : knownDuration;
  };
  const choose = (marker: PlayerMarker) => {
    handle.seek(marker.start);
    for (const listener of markerListeners) listener(marker);
  };
  const render = () => renderProgressMarkers(handle.progressControl(), markers, duration(), choose);
  // A new source (a refreshed signed URL) may bring a more exact duration; positions follow it.
  const stopRerendering = handle.on('loadedmetadata', render);

  const controls: ReviewPlayerControls = {
    currentTime: () => handle.currentTime(),
    duration,
    seek: (seconds) => handle.seek(seconds),
    play: () => handle.play(),
    pause: () => handle.pause(),
    paused: () => handle.paused(),
    setMarkers: (next) => {
      markers = [...next];
      render();
    },
    onMarkerClick: (listener) => {
      markerListeners.add(listener);
      return () => markerListeners.delete(listener);
    },
    onTimeUpdate: (listener) => handle.on('timeupdate', () => listener(handle.currentTime())),
  };
  return {
    controls,
    dispose: () => {
      stopRerendering();
      markerListeners.clear();
      removeProgressMarkers(handle.progressControl());
    },
  };
}
