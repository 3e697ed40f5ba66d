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

const RANGE_CLASS = 'tapeline-range';

/** The marked range as a highlighted span on the progress bar (its end, while only In is set, is now). */
export function renderProgressRange(
  host: HTMLElement | null,
  range: { start: number; end?: number } | null,
  duration: number,
): void {
  if (!host) return;
  let span = host.querySelector<HTMLElement>(`:scope > .${RANGE_CLASS}`);
  if (!range || !(Number.isFinite(duration) && duration > 0)) {
    span?.remove();
    return;
  }
  if (!span) {
    span = document.createElement('div');
    span.className = RANGE_CLASS;
    span.setAttribute('aria-hidden', 'true');
    span.dataset.testid = 'marked-range';
    host.prepend(span);
  }
  const start = Math.min(Math.max(range.start / duration, 0), 1);
  const end = Math.min(Math.max((range.end ?? range.start) / duration, start), 1);
  // The seek bar has 10px of margin on each side inside the progress control.
  span.style.left = `calc(10px + (100% - 20px) * ${start})`;
  span.style.width = `max(2px, calc((100% - 20px) * ${end - start}))`;
}
