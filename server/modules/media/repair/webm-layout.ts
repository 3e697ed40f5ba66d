// The pieces of a seekable WebM that a repair writes around the copied Clusters: SeekHead, Info with a
// Duration, Cues, and which of the original Segment's children are kept ahead of the Clusters.
import type { FileHandle } from 'node:fs/promises';
import { EbmlId, parseElementHeader } from '../probe/ebml';
import { MediaParseError, type WebmScan } from '../probe';
import { cueTrackOf } from '../probe/webm-tracks';
import { WriteId, element, floatElement, idBytes, master, masterHeader, uintElement } from './ebml-writer';
import { readFully } from './output-file';

export type WebmElement = WebmScan['elements'][number];

/** Segment children the rewrite replaces (SeekHead, Info, Cues) or drops (Void, CRC-32); Tracks move up front. */
export const REWRITTEN_IDS: ReadonlySet<number> = new Set([
  EbmlId.SeekHead,
  EbmlId.Info,
  EbmlId.Tracks,
  EbmlId.Cues,
  EbmlId.Void,
  EbmlId.Crc32,
]);
/** Info is a handful of small values; anything bigger is not a recording we should trust. */
const MAX_INFO_SIZE = 64 * 1024;
/** A Cluster header as rewritten: 4-byte ID and an 8-byte size. */
export const CLUSTER_HEADER_LENGTH = 12;
/** The Duration element (2-byte ID, 1-byte size, 8-byte float) ends every rebuilt Info. */
export const DURATION_PAYLOAD_LENGTH = 8;

export interface Range {
  start: number;
  end: number;
}

/** The Duration written, in ticks: the probe rejects a zero Duration as absent, so at least one tick. */
export function durationTicks(scan: WebmScan): number {
  const first = scan.firstTimestamp ?? 0;
  return Math.max((scan.endTimestamp ?? first) - first, 1);
}

/** Tracks, then Chapters, Tags, Attachments and anything unknown, in order: what goes before the Clusters. */
export function keptRanges(scan: WebmScan): Range[] {
  const tracks = last(scan.elements, EbmlId.Tracks);
  if (!tracks) throw new MediaParseError('no_media', 'The file has no Tracks element.');
  return [tracks, ...scan.elements.filter((child) => !REWRITTEN_IDS.has(child.id))].map(rangeOf);
}

/** Fixed-width entries (4-byte IDs, 8-byte positions), so its length does not depend on the positions. */
export function seekHead(info: number, tracks: number, cues: number): Buffer {
  const seek = (id: number, position: number) =>
    master(WriteId.Seek, [
      element(WriteId.SeekId, idBytes(id)),
      uintElement(WriteId.SeekPosition, position, 8),
    ]);
  return master(WriteId.SeekHead, [
    seek(WriteId.Info, info),
    seek(WriteId.Tracks, tracks),
    seek(WriteId.Cues, cues),
  ]);
}

/** The original Info's children without Duration (and CRC-32, which would no longer match), plus Duration. */
export async function rebuildInfo(source: FileHandle, scan: WebmScan): Promise<Buffer> {
  const duration = floatElement(WriteId.Duration, durationTicks(scan));
  const info = last(scan.elements, EbmlId.Info);
  if (!info) return master(WriteId.Info, [uintElement(WriteId.TimecodeScale, scan.timecodeScale), duration]);

  const payloadSize = info.size ?? 0;
  if (payloadSize > MAX_INFO_SIZE) {
    throw new MediaParseError('unsupported', `The Info element is implausibly large (${payloadSize} bytes).`);
  }
  const payload = Buffer.alloc(payloadSize);
  await readFully(source, payload, info.dataOffset);
  const children: Buffer[] = [];
  for (let at = 0; at < payload.length;) {
    const child = parseElementHeader(payload.subarray(at), at);
    // The scan already walked these children, so a bad one here means the file changed under us.
    if (!child || child.size === null)
      throw new Error('The Info element changed while it was being repaired.');
    const end = child.dataOffset + child.size;
    if (child.id !== EbmlId.Duration && child.id !== EbmlId.Crc32 && child.id !== EbmlId.Void) {
      children.push(payload.subarray(at, end));
    }
    at = end;
  }
  return master(WriteId.Info, [...children, duration]);
}

/**
 * One CuePoint per cluster holding a keyframe of the cue track (video, or the sound of an audio-only
 * file; at its first one), positioned relative to the Segment's payload; a file with no keyframe at all
 * gets one cue at its first cluster, as Cues must not be empty.
 */
export function buildCues(scan: WebmScan, clusterPositions: readonly number[]): Buffer {
  const cueTrack = cueTrackOf(scan.tracks)?.number ?? 1;
  const points: Buffer[] = [];
  let previousTime = -1;
  scan.clusters.forEach((cluster, index) => {
    const keyframe = cluster.firstKeyframe;
    const clusterPosition = clusterPositions[index] ?? 0;
    if (!keyframe) return;
    const time = Math.max(0, keyframe.timecode);
    if (time < previousTime) return; // cue points must be in time order
    previousTime = time;
    points.push(cuePoint(time, cueTrack, clusterPosition, keyframe.offset - cluster.dataOffset));
  });
  const firstCluster = scan.clusters[0];
  if (points.length === 0 && firstCluster) {
    points.push(cuePoint(firstCluster.timecode, cueTrack, clusterPositions[0] ?? 0, null));
  }
  return Buffer.concat([masterHeader(WriteId.Cues, sum(points.map((point) => point.length))), ...points]);
}

function cuePoint(time: number, track: number, clusterPosition: number, relative: number | null): Buffer {
  const positions = [
    uintElement(WriteId.CueTrack, track),
    uintElement(WriteId.CueClusterPosition, clusterPosition),
  ];
  if (relative !== null) positions.push(uintElement(WriteId.CueRelativePosition, relative));
  return master(WriteId.CuePoint, [
    uintElement(WriteId.CueTime, time),
    master(WriteId.CueTrackPositions, positions),
  ]);
}

export function last(elements: readonly WebmElement[], id: number): WebmElement | undefined {
  return elements.findLast((child) => child.id === id);
}

function rangeOf(child: WebmElement): Range {
  return { start: child.offset, end: child.dataOffset + (child.size ?? 0) };
}

export function lengthOf(range: Range): number {
  return range.end - range.start;
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
