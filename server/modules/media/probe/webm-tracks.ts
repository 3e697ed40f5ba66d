// The Tracks element of a WebM file: which tracks there are, their codecs, frame sizes and frame rates.
import { EbmlId, forEachChild, readAscii, readLeaf, readUnsigned, type ElementHeader } from './ebml';
import type { PositionedReader } from './reader';

export interface WebmTrack {
  number: number;
  type: 'video' | 'audio' | 'other';
  /** Matroska CodecID, e.g. V_VP8, A_OPUS. */
  codecId: string;
  /** Short name, e.g. vp8, opus. */
  codec: string;
  width: number | null;
  height: number | null;
  defaultDurationNs: number | null;
}

const CODEC_NAMES: Record<string, string> = {
  V_VP8: 'vp8',
  V_VP9: 'vp9',
  V_AV1: 'av1',
  'V_MPEG4/ISO/AVC': 'h264',
  'V_MPEGH/ISO/HEVC': 'hevc',
  A_OPUS: 'opus',
  A_VORBIS: 'vorbis',
  A_FLAC: 'flac',
  A_MPEG: 'mp3',
  'A_MPEG/L3': 'mp3',
};

function codecName(codecId: string): string {
  if (codecId.startsWith('A_AAC')) return 'aac';
  if (codecId.startsWith('A_PCM')) return 'pcm';
  return CODEC_NAMES[codecId] ?? codecId.toLowerCase();
}

export async function readTracks(
  reader: PositionedReader,
  tracks: ElementHeader,
  end: number,
): Promise<WebmTrack[]> {
  const result: WebmTrack[] = [];
  await forEachChild(reader, tracks, end, async (entry, entryEnd) => {
    if (entry.id !== EbmlId.TrackEntry) return;
    const track: WebmTrack = {
      number: 0,
      type: 'other',
      codecId: '',
      codec: '',
      width: null,
      height: null,
      defaultDurationNs: null,
    };
    await forEachChild(reader, entry, entryEnd, async (field, fieldEnd) => {
      switch (field.id) {
        case EbmlId.TrackNumber:
          track.number = readUnsigned(await readLeaf(reader, field, 8));
          break;
        case EbmlId.TrackType: {
          const type = readUnsigned(await readLeaf(reader, field, 8));
          track.type = type === 1 ? 'video' : type === 2 ? 'audio' : 'other';
          break;
        }
        case EbmlId.CodecId:
          track.codecId = readAscii(await readLeaf(reader, field, 64));
          break;
        case EbmlId.DefaultDuration: {
          const nanoseconds = readUnsigned(await readLeaf(reader, field, 8));
          track.defaultDurationNs = nanoseconds > 0 ? nanoseconds : null;
          break;
        }
        case EbmlId.Video:
          await forEachChild(reader, field, fieldEnd, async (pixel) => {
            if (pixel.id === EbmlId.PixelWidth) track.width = readUnsigned(await readLeaf(reader, pixel, 8));
            if (pixel.id === EbmlId.PixelHeight)
              track.height = readUnsigned(await readLeaf(reader, pixel, 8));
          });
          break;
      }
    });
    track.codec = codecName(track.codecId);
    if (track.number > 0 && result.length < 64) result.push(track);
  });
  return result;
}

/**
 * The track a recording is measured and cued by: its video, or for a recording of sound alone its first
 * audio track; undefined when it has neither.
 */
export function cueTrackOf(tracks: readonly WebmTrack[]): WebmTrack | undefined {
  return tracks.find((track) => track.type === 'video') ?? tracks.find((track) => track.type === 'audio');
}
