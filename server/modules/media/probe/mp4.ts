// MP4 (ISO BMFF): walks the top-level boxes, reads moov's tracks, and measures from the sample tables.
import { MediaParseError, isTruncation } from './errors';
import { forEachBox, notMp4, readBox, readFullBox, u32, u64, type Box } from './bmff';
import { FragmentTimeline, readMovieFragment, type FragmentRun } from './mp4-fragments';
import { readTrack, trackSeconds, type Mp4Track } from './mp4-tracks';
import { PositionedReader } from './reader';
import { formatOf, roundSeconds, type MediaProbe } from './types';

export type { Mp4Track } from './mp4-tracks';

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

export function scanMp4(path: string): Promise<Mp4Scan> {
  return PositionedReader.with(path, scanMp4From);
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

/** The MediaProbe of a scanned MP4 file: a video, or a recording of sound alone (M4A). */
export function describeMp4(scan: Mp4Scan): MediaProbe {
  if (scan.moovOffset === null) {
    if (scan.firstMdatOffset === null) {
      throw new MediaParseError('unsupported', 'The file has no movie (moov) box: it is not a recording.');
    }
    throw new MediaParseError(
      'truncated',
      'The file has no movie (moov) box: the recording was not finished.',
    );
  }
  const video = scan.tracks.find((track) => track.handler === 'vide');
  const audio = scan.tracks.find((track) => track.handler === 'soun');
  // The track the recording is measured by: its video, or the sound of an audio-only file.
  const primary = video ?? audio;
  if (!primary) throw new MediaParseError('no_media', 'The file has neither a video nor an audio track.');
  const kind = video ? 'video' : 'audio';
  const noSamples = () =>
    new MediaParseError(
      'no_media',
      `The file has ${kind === 'video' ? 'a video' : 'an audio'} track but no ${kind} samples.`,
    );
  const media = scan.tracks.filter((track) => track.handler === 'vide' || track.handler === 'soun');

  // Without media data the index describes frames that never arrived: the upload stopped after moov.
  const cutAfterIndex = () =>
    new MediaParseError('truncated', 'The file ends before its media data (mdat): the recording was cut.');
  let durationSeconds: number;
  if (scan.fragments) {
    const fragments = scan.fragments;
    if (!fragments.span(primary.id)) {
      if (scan.stoppedEarly || scan.firstMdatOffset === null) throw cutAfterIndex();
      throw noSamples();
    }
    const spans = media.flatMap((track) => {
      const span = track.timescale > 0 ? fragments.span(track.id) : null;
      return span ? [{ start: span.start / track.timescale, end: span.end / track.timescale }] : [];
    });
    durationSeconds =
      Math.max(...spans.map((span) => span.end)) - Math.min(...spans.map((span) => span.start));
  } else {
    if (primary.sampleCount === 0 && !(primary.sampleDuration === null && primary.declaredDuration > 0)) {
      throw noSamples();
    }
    if (scan.firstMdatOffset === null) throw cutAfterIndex();
    durationSeconds = Math.max(...media.map((track) => trackSeconds(track, scan.movieTimescale)));
  }
  if (!Number.isFinite(durationSeconds) || durationSeconds < 0)
    throw notMp4('sample times do not form a timeline');

  const declared = scan.movieDuration ?? scan.fragmentDuration;
  const declaredDurationSeconds =
    declared !== null && scan.movieTimescale > 0 ? roundSeconds(declared / scan.movieTimescale) : null;
  const moovFirst = scan.firstMdatOffset !== null && scan.moovOffset < scan.firstMdatOffset;
  return {
    ...formatOf('mp4', kind),
    videoCodec: video?.codec ?? null,
    audioCodec: audio?.codec ?? null,
    width: video?.width ?? null,
    height: video?.height ?? null,
    durationSeconds: roundSeconds(durationSeconds),
    declaredDurationSeconds,
    // A fragmented file has its index up front, but a player still needs a duration to seek.
    seekable: moovFirst && (!scan.fragmented || declaredDurationSeconds !== null),
    fileSize: scan.fileSize,
  };
}
