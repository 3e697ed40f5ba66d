// What a probe tells the rest of the server about a media file.

export type MediaContainer = 'webm' | 'mp4';

export interface MediaProbe {
  container: MediaContainer;
  mimeType: 'video/webm' | 'video/mp4';
  /** e.g. 'vp8', 'vp9', 'av1', 'h264', 'hevc'. */
  videoCodec: string | null;
  /** e.g. 'opus', 'vorbis', 'aac'. */
  audioCodec: string | null;
  width: number | null;
  height: number | null;
  /** Real duration measured from the media (seconds), from the first timestamp to the end of the last frame. */
  durationSeconds: number;
  /** What the container header claims, if anything (MediaRecorder WebM has none). */
  declaredDurationSeconds: number | null;
  /** WebM: has Cues and a Duration; MP4: moov before mdat (and, fragmented, a declared duration). */
  seekable: boolean;
  fileSize: number;
}

/** Seconds, rounded to the microsecond so float noise from tick arithmetic does not leak out. */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}
