// Markers on the player's progress bar: one focusable button per marker, placed by time, click = choose.
// They live in a layer of their own beside the seek bar (a slider may not contain buttons), and the
// layer is put back whenever it has gone missing, so markers survive a source refresh.
import { formatDuration } from '../../lib/format';
import type { PlayerMarker } from '../../lib/player-controls';

const LAYER_CLASS = 'tapeline-markers';

export function markerLabel(marker: PlayerMarker): string {
  return `Annotation at ${formatDuration(marker.start)}: ${marker.label}`;
}

export function renderProgressMarkers(
  host: HTMLElement | null,
  markers: readonly PlayerMarker[],
  duration: number,
  onChoose: (marker: PlayerMarker) => void,
): void {
  if (!host) return;
  let layer = host.querySelector<HTMLElement>(`:scope > .${LAYER_CLASS}`);
  if (!layer) {
    layer = document.createElement('div');
    layer.className = LAYER_CLASS;
    host.appendChild(layer);
  }
  layer.replaceChildren();
  if (!(Number.isFinite(duration) && duration > 0)) return;

  for (const marker of markers) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'tapeline-marker';
    button.dataset.markerId = marker.id;
    const label = markerLabel(marker);
    button.setAttribute('aria-label', label);
    button.title = label;
    const start = Math.min(Math.max(marker.start / duration, 0), 1);
    button.style.left = `${start * 100}%`;
    if (marker.end !== undefined && marker.end > marker.start) {
      const end = Math.min(marker.end / duration, 1);
      button.style.width = `max(0.5em, ${(end - start) * 100}%)`;
    }
    // The progress control seeks (and starts a drag) on press; a marker press is the marker's alone.
    for (const type of ['mousedown', 'touchstart', 'pointerdown'] as const) {
      button.addEventListener(type, (event) => event.stopPropagation());
    }
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      onChoose(marker);
    });
    layer.appendChild(button);
  }
}

export function removeProgressMarkers(host: HTMLElement | null): void {
  host?.querySelector(`:scope > .${LAYER_CLASS}`)?.remove();
}

const RANGE_CLASS = 'tapeline-range-layer';

/** The marked range as a highlighted span on the progress bar (its end, while only In is set, is its start). */
export function renderProgressRange(
  host: HTMLElement | null,
  range: { start: number; end?: number } | null,
  duration: number,
): void {
  if (!host) return;
  let layer = host.querySelector<HTMLElement>(`:scope > .${RANGE_CLASS}`);
  if (!range || !(Number.isFinite(duration) && duration > 0)) {
    layer?.remove();
    return;
  }
  if (!layer) {
    layer = document.createElement('div');
    layer.className = RANGE_CLASS;
    layer.setAttribute('aria-hidden', 'true');
    layer.appendChild(document.createElement('div')).className = 'tapeline-range';
    host.prepend(layer);
  }
  const span = layer.firstElementChild as HTMLElement;
  const start = Math.min(Math.max(range.start / duration, 0), 1);
  const end = Math.min(Math.max((range.end ?? range.start) / duration, start), 1);
  span.style.left = `${start * 100}%`;
  span.style.width = `${(end - start) * 100}%`;
}
