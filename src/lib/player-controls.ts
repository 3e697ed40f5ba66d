// What a side panel beside the review player may do with it: read the time, seek, and show markers.
// The review feature implements it; other features (the QA panel) use it without knowing video.js.

export interface PlayerMarker {
  id: string;
  /** Seconds from the start of the recording. */
  start: number;
  end?: number;
  /** Shown to people and read by screen readers. */
  label: string;
}

export interface ReviewPlayerControls {
  currentTime(): number;
  /** Seconds; the recording's known length until the player has read the file's metadata. */
  duration(): number;
  seek(seconds: number): void;
  play(): void;
  pause(): void;
  paused(): boolean;
  /** Highlights one span of the progress bar (a range marked with I and O); null removes it. */
  setRange(range: { start: number; end?: number } | null): void;
  /** Replaces every marker on the progress bar. */
  setMarkers(markers: PlayerMarker[]): void;
  /** The returned function stops listening. */
  onMarkerClick(listener: (marker: PlayerMarker) => void): () => void;
  onTimeUpdate(listener: (seconds: number) => void): () => void;
}
