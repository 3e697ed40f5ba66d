// One track of an MP4 movie: its trak boxes, and how long its samples play.
import { forEachBox, fourCC, i32, i64, notMp4, readFullBox, u16, u32, u64, type Box } from './bmff';
import type { PositionedReader } from './reader';

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

const TRACK_CONTAINERS = new Set(['mdia', 'minf', 'stbl', 'edts']);

export async function readTrack(reader: PositionedReader, trak: Box): Promise<Mp4Track> {
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
export function trackSeconds(track: Mp4Track, movieTimescale: number): number {
  if (track.timescale === 0) return 0;
  const media = track.sampleDuration ?? track.declaredDuration;
  if (!track.edit || movieTimescale === 0) return media / track.timescale;
  let seconds = Math.max(0, media - track.edit.mediaTime) / track.timescale;
  if (track.edit.segmentDuration > 0)
    seconds = Math.min(seconds, track.edit.segmentDuration / movieTimescale);
  return seconds + track.edit.emptyDuration / movieTimescale;
}
