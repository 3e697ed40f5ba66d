// What a probe tells the rest of the server about a media file.

export type MediaContainer = 'webm' | 'mp4' | 'ogg';

/** "video" when the file has a video track, "audio" for a recording of sound alone (a call with the camera off). */
export type MediaKind = 'video' | 'audio';

export type MediaMimeType = 'video/webm' | 'video/mp4' | 'audio/webm' | 'audio/mp4' | 'audio/ogg';

export interface MediaProbe {
  container: MediaContainer;
  kind: MediaKind;
  mimeType: MediaMimeType;
  /** The file name extension that stores it under its type (media/storage.ts contentTypeForKey). */
  extension: 'webm' | 'mp4' | 'weba' | 'm4a' | 'ogg';
  /** e.g. 'vp8', 'vp9', 'av1', 'h264', 'hevc'; null for an audio recording. */
  videoCodec: string | null;
  /** e.g. 'opus', 'vorbis', 'aac'. */
  audioCodec: string | null;
  width: number | null;
  height: number | null;
  /** Real duration measured from the media (seconds), from the first timestamp to the end of the last frame. */
  durationSeconds: number;
  /** What the container header claims, if anything (MediaRecorder WebM has none). */
  declaredDurationSeconds: number | null;
  /** WebM: has Cues and a Duration; MP4: moov before mdat (and, fragmented, a declared duration); Ogg: always. */
  seekable: boolean;
  fileSize: number;
}

const FORMATS = {
  webm: {
    video: { mimeType: 'video/webm', extension: 'webm' },
    audio: { mimeType: 'audio/webm', extension: 'weba' },
  },
  mp4: {
    video: { mimeType: 'video/mp4', extension: 'mp4' },
    audio: { mimeType: 'audio/mp4', extension: 'm4a' },
  },
  ogg: {
    video: { mimeType: 'audio/ogg', extension: 'ogg' }, // never: Ogg video is refused
    audio: { mimeType: 'audio/ogg', extension: 'ogg' },
  },
} as const;

/** The MIME type and file extension of a container holding video, or sound alone. */
export function formatOf(container: MediaContainer, kind: MediaKind) {
  return { container, kind, ...FORMATS[container][kind] };
}

/** Seconds, rounded to the microsecond so float noise from tick arithmetic does not leak out. */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}
