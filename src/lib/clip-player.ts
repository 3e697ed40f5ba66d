// What a page that plays clips needs from a video player, without knowing which one: the review
// feature's video.js player fits it, and the app hands it to the playlist player.
import type { ComponentType } from 'react';

export type ClipPlayerEvent =
  'loadedmetadata' | 'timeupdate' | 'play' | 'pause' | 'ratechange' | 'ended' | 'error';

export interface ClipPlayerHandle {
  play(): void;
  pause(): void;
  paused(): boolean;
  seek(seconds: number): void;
  currentTime(): number;
  playbackRate(): number;
  setPlaybackRate(rate: number): void;
  currentSource(): string;
  /** Resolves once the new source's metadata has loaded; rejects when it fails to load. */
  setSource(url: string): Promise<void>;
  errorCode(): number | undefined;
  clearError(): void;
  on(event: ClipPlayerEvent, listener: () => void): () => void;
}

export interface ClipPlayerProps {
  source: string;
  mimeType?: string;
  /** Seconds to start at once the metadata is known. */
  startAt?: number;
  label: string;
  onReady: (handle: ClipPlayerHandle | null) => void;
}

export type ClipPlayerComponent = ComponentType<ClipPlayerProps>;

/** The MIME type for a recording's container, so the player picks the right tech at once. */
export function containerMimeType(container: string | null): string | undefined {
  if (container === 'mp4') return 'video/mp4';
  if (container === 'webm') return 'video/webm';
  return undefined;
}
