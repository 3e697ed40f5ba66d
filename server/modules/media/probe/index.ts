// Measures a recording without ffmpeg: identifies the container by its magic bytes and hands it to the
// WebM or MP4 walker. Whatever the bytes, the result is a MediaProbe or a MediaParseError (I/O errors
// such as a missing file pass through unchanged: they are the server's problem, not the upload's).
import { describeMp4, scanMp4From } from './mp4';
import { MediaParseError } from './errors';
import { PositionedReader } from './reader';
import type { MediaProbe } from './types';
import { describeWebm, scanWebmFrom } from './webm';

export { MediaParseError, type MediaParseErrorCode } from './errors';
export type { MediaContainer, MediaProbe } from './types';
export { scanWebm, type WebmScan, type WebmCluster, type WebmKeyframe, type WebmTrack } from './webm';
export { scanMp4, type Mp4Scan, type Mp4Track } from './mp4';

const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];

export async function probeMediaFile(path: string): Promise<MediaProbe> {
  const reader = await PositionedReader.open(path);
  try {
    if (reader.size === 0) throw new MediaParseError('empty', 'The file is empty.');
    const head = await reader.read(0, 8);
    if (EBML_MAGIC.every((byte, index) => head[index] === byte)) {
      return describeWebm(await scanWebmFrom(reader));
    }
    if (head.length === 8 && String.fromCharCode(...head.subarray(4, 8)) === 'ftyp') {
      return describeMp4(await scanMp4From(reader));
    }
    if (head.length < EBML_MAGIC.length && head.every((byte, index) => byte === EBML_MAGIC[index])) {
      throw new MediaParseError('truncated', 'The file ends inside the WebM header.');
    }
    throw new MediaParseError(
      'not_media',
      'The file is neither WebM nor MP4 (its first bytes match neither).',
    );
  } finally {
    await reader.close();
  }
}
