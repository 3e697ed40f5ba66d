// The review page's only way to talk to the video player: a small typed handle, no video.js types.
import type { PlaybackState } from '../../lib/source-refresh';

export const PLAYBACK_RATES = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

export type PlayerEvent =
  'loadedmetadata' | 'timeupdate' | 'play' | 'pause' | 'ratechange' | 'ended' | 'error';

export interface PlayerHandle {
  play(): void;
  pause(): void;
  paused(): boolean;
  /** Clamped to the recording: never before 0 or past the end. */
  seek(seconds: number): void;
  currentTime(): number;
  /** Seconds; NaN until the metadata has loaded. */
  duration(): number;
  playbackRate(): number;
  setPlaybackRate(rate: number): void;
  currentSource(): string;
  /**
   * Plays another URL of the same recording. Resolves once its metadata has loaded (and, with
   * `keepPosition`, position, pause and speed are back); rejects when the source fails to load.
   */
  setSource(url: string, options?: { keepPosition?: boolean }): Promise<void>;
  playbackState(): PlaybackState;
  restorePlaybackState(state: PlaybackState): void;
  /** The MediaError code (1–4) of the current error, if any. */
  errorCode(): number | undefined;
  clearError(): void;
  on(event: PlayerEvent, listener: () => void): () => void;
  focus(): void;
  /** The control bar's progress control (where markers go); null once disposed or without controls. */
  progressControl(): HTMLElement | null;
}

export function clampTime(seconds: number, duration: number): number {
  const end = Number.isFinite(duration) && duration > 0 ? duration : Infinity;
  return Math.min(Math.max(0, seconds), end);
}
