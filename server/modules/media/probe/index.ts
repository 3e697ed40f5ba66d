// Measures a recording without ffmpeg: identifies the container by its magic bytes and hands it to the
// WebM, MP4 or Ogg walker. Whatever the bytes, the result is a MediaProbe or a MediaParseError (I/O errors
// such as a missing file pass through unchanged: they are the server's problem, not the upload's).
import { describeMp4, scanMp4From, type Mp4Scan } from './mp4';
import { MediaParseError } from './errors';
import { describeOgg, isOggCapture, scanOggFrom, type OggScan } from './ogg';
import { PositionedReader } from './reader';
import type { MediaContainer, MediaProbe } from './types';
import { describeWebm, scanWebmFrom, type WebmScan } from './webm';

export { MediaParseError, type MediaParseErrorCode } from './errors';
export type { MediaContainer, MediaKind, MediaProbe } from './types';
export { scanWebm, type WebmScan, type WebmCluster, type WebmKeyframe, type WebmTrack } from './webm';
export { scanMp4, type Mp4Scan, type Mp4Track } from './mp4';
export type { OggScan } from './ogg';

const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];

/** A probe together with the container scan it was made from (what a repair needs to rewrite the file). */
export type MediaInspection =
  | { container: 'webm'; probe: MediaProbe; scan: WebmScan }
  | { container: 'mp4'; probe: MediaProbe; scan: Mp4Scan }
  | { container: 'ogg'; probe: MediaProbe; scan: OggScan };

export async function probeMediaFile(path: string): Promise<MediaProbe> {
  return (await inspectMediaFile(path)).probe;
}

export function inspectMediaFile(path: string): Promise<MediaInspection> {
  return PositionedReader.with(path, async (reader) => {
    if (reader.size === 0) throw new MediaParseError('empty', 'The file is empty.');
    const container = containerOf(await reader.read(0, 8));
    if (container === 'webm') {
      const scan = await scanWebmFrom(reader);
      return { container, probe: describeWebm(scan), scan };
    }
    if (container === 'ogg') {
      const scan = await scanOggFrom(reader);
      return { container, probe: describeOgg(scan), scan };
    }
    const scan = await scanMp4From(reader);
    return { container: 'mp4', probe: describeMp4(scan), scan };
  });
}

/** The container a file's first 8 bytes announce; MediaParseError when they announce neither. */
export function containerOf(head: Uint8Array): MediaContainer {
  if (EBML_MAGIC.every((byte, index) => head[index] === byte)) return 'webm';
  if (head.length === 8 && String.fromCharCode(...head.subarray(4, 8)) === 'ftyp') return 'mp4';
  if (isOggCapture(head)) return 'ogg';
  if (head.length < EBML_MAGIC.length && head.every((byte, index) => byte === EBML_MAGIC[index])) {
    throw new MediaParseError('truncated', 'The file ends inside the WebM header.');
  }
  throw new MediaParseError(
    'not_media',
    'The file is not WebM, MP4 or Ogg (its first bytes match none of them).',
  );
}
