// What the review page shows about a recording's file, read from the activity's `data` JSON text.

export interface RecordingMediaInfo {
  container?: string;
  videoCodec?: string;
  audioCodec?: string;
}

/** Tolerates everything a CommBox-compatible server might send: nothing, invalid JSON, other shapes. */
export function parseRecordingData(data: string | null | undefined): RecordingMediaInfo {
  if (!data) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const record = parsed as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  return {
    container: text(record.container),
    videoCodec: text(record.videoCodec),
    audioCodec: text(record.audioCodec),
  };
}

const MIME_TYPES: Record<string, string> = {
  webm: 'video/webm',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/mp4',
  weba: 'audio/webm',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
};

/** The same containers holding sound alone (`recordingType: "audio"`). */
const AUDIO_MIME_TYPES: Record<string, string> = {
  webm: 'audio/webm',
  mp4: 'audio/mp4',
  ogg: 'audio/ogg',
};

/**
 * The source type for the player: from the container when known (an audio type for a recording of
 * sound alone), else from the URL's extension.
 */
export function recordingMimeType(
  container: string | undefined,
  recordingUrl: string,
  recordingType: 'video' | 'audio' = 'video',
): string | undefined {
  const known = container?.toLowerCase();
  const fromContainer = known
    ? ((recordingType === 'audio' ? AUDIO_MIME_TYPES[known] : undefined) ?? MIME_TYPES[known])
    : undefined;
  if (fromContainer) return fromContainer;
  try {
    const extension = new URL(recordingUrl).pathname.split('.').pop()?.toLowerCase() ?? '';
    return MIME_TYPES[extension];
  } catch {
    return undefined;
  }
}

/** `?t=90` or `?t=90.5`: seconds to start at; anything else means the beginning. */
export function parseStartTime(value: string | null): number | undefined {
  if (value === null || !/^\d{1,7}(\.\d+)?$/.test(value)) return undefined;
  const seconds = Number(value);
  return seconds > 0 ? seconds : undefined;
}
