// MP4 (ISO BMFF): walks the top-level boxes, reads moov's tracks, and measures from the sample tables.
import { MediaParseError, isTruncation } from './errors';
import { forEachBox, fourCC, i32, i64, notMp4, readBox, readFullBox, u16, u32, u64, type Box } from './bmff';
import { FragmentTimeline, readMovieFragment, type FragmentRun } from './mp4-fragments';
import { PositionedReader } from './reader';
import { roundSeconds, type MediaProbe } from './types';

export interface Mp4Track {
  id: number;
  /** hdlr handler type: 'vide', 'soun', … */
  handler: string;
  codec: string | null;
  width: number | null;
  height: number | null;
  timescale: number;
  /** mdhd duration, in the track's timescale. */
  declaredDuration: number;
  /** Sum of the stts sample durations (the sample table, not a header): null when absent. */
  sampleDuration: number | null;
  sampleCount: number;
  /** A single media edit, optionally after an empty one (the only edit lists this probe interprets). */
  edit: { emptyDuration: number; mediaTime: number; segmentDuration: number } | null;
  /** trex default sample duration, for fragments that give none. */
  defaultSampleDuration: number;
}

export interface Mp4Scan {
  fileSize: number;
  /** Top-level boxes in file order, for a later moov-to-front rewrite. */
  boxes: { type: string; offset: number; end: number }[];
  moovOffset: number | null;
  firstMdatOffset: number | null;
  movieTimescale: number;
  movieDuration: number | null;
  /** mvex/mehd fragment duration, in the movie timescale. */
  fragmentDuration: number | null;
  fragmented: boolean;
  tracks: Mp4Track[];
  fragments: FragmentTimeline | null;
  stoppedEarly: { position: number; message: string } | null;
}

const MAX_TOP_LEVEL_BOXES = 4_000_000;

const CODEC_NAMES: Record<string, string> = {
  avc1: 'h264',
  avc3: 'h264',
  hvc1: 'hevc',
  hev1: 'hevc',
  av01: 'av1',
  vp09: 'vp9',
  vp08: 'vp8',
  mp4v: 'mpeg4',
  mp4a: 'aac',
  Opus: 'opus',
  fLaC: 'flac',
  'ac-3': 'ac3',
  'ec-3': 'eac3',
  '.mp3': 'mp3',
};

export async function scanMp4(path: string): Promise<Mp4Scan> {
  const reader = await PositionedReader.open(path);
  try {
    return await scanMp4From(reader);
  } finally {
    await reader.close();
  }
}

export async function scanMp4From(reader: PositionedReader): Promise<Mp4Scan> {
  const scan: Mp4Scan = {
    fileSize: reader.size,
    boxes: [],
    moovOffset: null,
    firstMdatOffset: null,
    movieTimescale: 0,
    movieDuration: null,
    fragmentDuration: null,
    fragmented: false,
    tracks: [],
    fragments: null,
    stoppedEarly: null,
  };
  // A fragment counts once the box after it is complete: a moof whose media data was cut off is not playable.
  let pending: FragmentRun[] = [];
  let position = 0;
  try {
    while (position < reader.size) {
      const box = await readBox(reader, position, reader.size);
      if (scan.boxes.length === 0 && box.type !== 'ftyp') throw notMp4('no ftyp box');
      if (scan.boxes.length >= MAX_TOP_LEVEL_BOXES)
        throw new MediaParseError('unsupported', 'Too many boxes.');
      if (box.end > reader.size) {
        throw new MediaParseError(
          'truncated',
          `The file ends inside the "${box.type}" box at byte ${box.offset}.`,
        );
      }
      scan.boxes.push({ type: box.type, offset: box.offset, end: box.end });
      scan.fragments?.add(pending);
      pending = [];
      if (box.type === 'moov' && scan.moovOffset === null) {
        scan.moovOffset = box.offset;
        await readMovie(reader, box, scan);
      } else if (box.type === 'mdat') {
        scan.firstMdatOffset ??= box.offset;
      } else if (box.type === 'moof' && scan.fragments) {
        pending = await readMovieFragment(reader, box, defaultsOf(scan.tracks));
      }
      position = box.end; // boxes are at least 8 bytes, so this always moves forward
    }
    // A moof left pending here is the last box of the file: its media data never arrived.
  } catch (error) {
    // A fragmented file is playable up to its last complete fragment; a cut moov-based file is not.
    if (!isTruncation(error) || !scan.fragments || scan.firstMdatOffset === null) throw error;
    scan.stoppedEarly = { position, message: error.message };
  }
  return scan;
}

function defaultsOf(tracks: readonly Mp4Track[]): Map<number, number> {
  return new Map(tracks.map((track) => [track.id, track.defaultSampleDuration]));
}

async function readMovie(reader: PositionedReader, moov: Box, scan: Mp4Scan): Promise<void> {
  const trexDurations = new Map<number, number>();
  await forEachBox(reader, moov.dataOffset, moov.end, async (box) => {
    if (box.type === 'mvhd') {
      const { version, bytes } = await readFullBox(reader, box, 32, 20);
      if (version === 1 && bytes.length < 32) throw notMp4('mvhd is too short');
      scan.movieTimescale = u32(bytes, version === 1 ? 20 : 12);
      const duration = version === 1 ? u64(bytes, 24) : u32(bytes, 16);
      // All ones is how a live writer says "unknown".
      scan.movieDuration = duration > 0 && duration !== 0xffffffff ? duration : null;
    } else if (box.type === 'trak') {
      if (scan.tracks.length < 64) scan.tracks.push(await readTrack(reader, box));
    } else if (box.type === 'mvex') {
      scan.fragmented = true;
      await forEachBox(reader, box.dataOffset, box.end, async (child) => {
        if (child.type === 'mehd') {
          const { version, bytes } = await readFullBox(reader, child, 12, 8);
          scan.fragmentDuration = version === 1 && bytes.length >= 12 ? u64(bytes, 4) : u32(bytes, 4);
        } else if (child.type === 'trex') {
          const { bytes } = await readFullBox(reader, child, 16, 16);
          trexDurations.set(u32(bytes, 4), u32(bytes, 12));
        }
      });
    }
  });
  for (const track of scan.tracks) track.defaultSampleDuration = trexDurations.get(track.id) ?? 0;
  if (scan.fragmented) {
    scan.fragments = new FragmentTimeline(
      new Map(scan.tracks.map((track) => [track.id, track.sampleDuration ?? 0])),
    );
  }
}

const TRACK_CONTAINERS = new Set(['mdia', 'minf', 'stbl', 'edts']);

async function readTrack(reader: PositionedReader, trak: Box): Promise<Mp4Track> {
  const track: Mp4Track = {
    id: 0,
    handler: '',
    codec: null,
    width: null,
    height: null,
    timescale: 0,
    declaredDuration: 0,
    sampleDuration: null,
    sampleCount: 0,
    edit: null,
    defaultSampleDuration: 0,
  };
  const visit = async (box: Box): Promise<void> => {
    if (TRACK_CONTAINERS.has(box.type)) return forEachBox(reader, box.dataOffset, box.end, visit);
    if (box.type === 'tkhd') {
      const { version, bytes } = await readFullBox(reader, box, 96, 84);
      if (version === 1 && bytes.length < 96) throw notMp4('tkhd is too short');
      track.id = u32(bytes, version === 1 ? 20 : 12);
      // Display size, 16.16 fixed point.
      const width = Math.floor(u32(bytes, version === 1 ? 88 : 76) / 65536);
      const height = Math.floor(u32(bytes, version === 1 ? 92 : 80) / 65536);
      if (width > 0 && height > 0) [track.width, track.height] = [width, height];
    } else if (box.type === 'mdhd') {
      const { version, bytes } = await readFullBox(reader, box, 32, 20);
      if (version === 1 && bytes.length < 32) throw notMp4('mdhd is too short');
      track.timescale = u32(bytes, version === 1 ? 20 : 12);
      track.declaredDuration = version === 1 ? u64(bytes, 24) : u32(bytes, 16);
    } else if (box.type === 'hdlr') {
      track.handler = fourCC((await readFullBox(reader, box, 12, 12)).bytes, 8);
    } else if (box.type === 'stsd') {
      const { bytes } = await readFullBox(reader, box, 44, 8);
      if (u32(bytes, 4) === 0 || bytes.length < 16) return;
      const format = fourCC(bytes, 12);
      track.codec = CODEC_NAMES[format] ?? format.trim().toLowerCase();
      // Visual sample entries carry the coded size; used when tkhd gives none.
      if (track.width === null && bytes.length >= 44) {
        const [width, height] = [u16(bytes, 40), u16(bytes, 42)];
        if (width > 0 && height > 0) [track.width, track.height] = [width, height];
      }
    } else if (box.type === 'stts') {
      await readSampleTimes(reader, box, track);
    } else if (box.type === 'elst') {
      track.edit = await readEditList(reader, box);
    }
  };
  await forEachBox(reader, trak.dataOffset, trak.end, visit);
  return track;
}

async function readSampleTimes(reader: PositionedReader, stts: Box, track: Mp4Track): Promise<void> {
  const { bytes } = await readFullBox(reader, stts, 8, 8);
  const entryCount = u32(bytes, 4);
  const first = stts.dataOffset + 8;
  // The count is untrusted: it must be backed by bytes inside the box before we loop over it.
  if (first + entryCount * 8 > stts.end)
    throw notMp4(`stts at byte ${stts.offset} claims more entries than it holds`);
  let duration = 0;
  let samples = 0;
  for (let index = 0; index < entryCount; index++) {
    const at = first + index * 8;
    const entry = reader.peek(at, 8) ?? (await reader.read(at, 8));
    samples += u32(entry, 0);
    duration += u32(entry, 0) * u32(entry, 4);
  }
  track.sampleDuration = duration;
  track.sampleCount = samples;
}

async function readEditList(reader: PositionedReader, elst: Box): Promise<Mp4Track['edit']> {
  const { version, bytes } = await readFullBox(reader, elst, 8 + 2 * 20, 8);
  const entryCount = u32(bytes, 4);
  const entrySize = version === 1 ? 20 : 12;
  if (entryCount === 0 || entryCount > 2 || bytes.length < 8 + entryCount * entrySize) return null;
  const entries = Array.from({ length: entryCount }, (_, index) => {
    const at = 8 + index * entrySize;
    return version === 1
      ? { segmentDuration: u64(bytes, at), mediaTime: i64(bytes, at + 8) }
      : { segmentDuration: u32(bytes, at), mediaTime: i32(bytes, at + 4) };
  });
  const [first, second] = entries;
  if (!first) return null;
  if (!second) return first.mediaTime >= 0 ? { emptyDuration: 0, ...first } : null;
  return first.mediaTime === -1 && second.mediaTime >= 0
    ? { emptyDuration: first.segmentDuration, ...second }
    : null;
}

/** Presentation length of a moov-indexed track, in seconds: its samples, trimmed by a simple edit list. */
function trackSeconds(track: Mp4Track, movieTimescale: number): number {
  if (track.timescale === 0) return 0;
  const media = track.sampleDuration ?? track.declaredDuration;
  if (!track.edit || movieTimescale === 0) return media / track.timescale;
  let seconds = Math.max(0, media - track.edit.mediaTime) / track.timescale;
  if (track.edit.segmentDuration > 0)
    seconds = Math.min(seconds, track.edit.segmentDuration / movieTimescale);
  return seconds + track.edit.emptyDuration / movieTimescale;
}

/** The MediaProbe of a scanned MP4 file. */
export function describeMp4(scan: Mp4Scan): MediaProbe {
  if (scan.moovOffset === null) {
    if (scan.firstMdatOffset === null) {
      throw new MediaParseError('unsupported', 'The file has no movie (moov) box: it is not a video.');
    }
    throw new MediaParseError(
      'truncated',
      'The file has no movie (moov) box: the recording was not finished.',
    );
  }
  const video = scan.tracks.find((track) => track.handler === 'vide');
  if (!video) throw new MediaParseError('no_video', 'The file has no video track.');
  const audio = scan.tracks.find((track) => track.handler === 'soun');
  const media = scan.tracks.filter((track) => track.handler === 'vide' || track.handler === 'soun');

  let durationSeconds: number;
  if (scan.fragments) {
    const fragments = scan.fragments;
    const spans = media.flatMap((track) => {
      const span = track.timescale > 0 ? fragments.span(track.id) : null;
      return span ? [{ start: span.start / track.timescale, end: span.end / track.timescale }] : [];
    });
    if (!fragments.span(video.id)) {
      if (scan.stoppedEarly)
        throw new MediaParseError('truncated', 'The file ends before its first video fragment.');
      throw new MediaParseError('no_video', 'The file has a video track but no video samples.');
    }
    durationSeconds =
      Math.max(...spans.map((span) => span.end)) - Math.min(...spans.map((span) => span.start));
  } else {
    if (video.sampleCount === 0 && !(video.sampleDuration === null && video.declaredDuration > 0)) {
      throw new MediaParseError('no_video', 'The file has a video track but no video samples.');
    }
    durationSeconds = Math.max(...media.map((track) => trackSeconds(track, scan.movieTimescale)));
  }
  if (!Number.isFinite(durationSeconds) || durationSeconds < 0)
    throw notMp4('sample times do not form a timeline');

  const declared = scan.movieDuration ?? scan.fragmentDuration;
  const declaredDurationSeconds =
    declared !== null && scan.movieTimescale > 0 ? roundSeconds(declared / scan.movieTimescale) : null;
  const moovFirst = scan.firstMdatOffset !== null && scan.moovOffset < scan.firstMdatOffset;
  return {
    container: 'mp4',
    mimeType: 'video/mp4',
    videoCodec: video.codec,
    audioCodec: audio?.codec ?? null,
    width: video.width,
    height: video.height,
    durationSeconds: roundSeconds(durationSeconds),
    declaredDurationSeconds,
    // A fragmented file has its index up front, but a player still needs a duration to seek.
    seekable: moovFirst && (!scan.fragmented || declaredDurationSeconds !== null),
    fileSize: scan.fileSize,
  };
}
