// Rewrites a live-recorded WebM (MediaRecorder) into a seekable one: known sizes, a Duration, Cues and a
// SeekHead, with every Cluster's payload copied byte for byte.
import { open, type FileHandle } from 'node:fs/promises';
import { EbmlId, parseElementHeader } from '../probe/ebml';
import { MediaParseError, type WebmScan } from '../probe';
import { WriteId, element, floatElement, idBytes, master, masterHeader, uintElement } from './ebml-writer';
import { OutputFile, readFully } from './output-file';

type WebmElement = WebmScan['elements'][number];

/** Segment children the rewrite replaces (SeekHead, Info, Cues) or drops (Void, CRC-32); Tracks move up front. */
const REWRITTEN_IDS: ReadonlySet<number> = new Set([
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
const CLUSTER_HEADER_LENGTH = 12;

interface Range {
  start: number;
  end: number;
}

/** Writes the seekable form of the scanned file at `inputPath` to `outputPath` (which must not exist). */
export async function rewriteWebm(inputPath: string, scan: WebmScan, outputPath: string): Promise<void> {
  const source = await open(inputPath, 'r');
  let output: OutputFile | null = null;
  try {
    const info = await rebuildInfo(source, scan);
    const tracks = last(scan.elements, EbmlId.Tracks);
    if (!tracks) throw new MediaParseError('no_video', 'The file has no Tracks element.');
    // Chapters, Tags, Attachments and anything unknown are kept, in order, ahead of the clusters.
    const kept = [tracks, ...scan.elements.filter((child) => !REWRITTEN_IDS.has(child.id))].map(rangeOf);
    const clusters = scan.clusters.map((cluster) => ({ start: cluster.dataOffset, end: cluster.end }));

    // Every length is known before the first byte is written, so positions are computed, not patched.
    const seekHeadLength = seekHead(0, 0, 0).length;
    const infoPosition = seekHeadLength;
    const tracksPosition = infoPosition + info.length;
    let position = tracksPosition + sum(kept.map(lengthOf));
    const clusterPositions = clusters.map((cluster) => {
      const at = position;
      position += CLUSTER_HEADER_LENGTH + lengthOf(cluster);
      return at;
    });
    const cuesPosition = position;
    const cues = buildCues(scan, clusterPositions);
    const segmentSize = cuesPosition + cues.length;

    output = await OutputFile.create(outputPath);
    await output.copyRange(source, 0, scan.segmentOffset); // the EBML header, as it was
    await output.write(masterHeader(WriteId.Segment, segmentSize));
    const segmentDataOffset = output.position;
    await output.write(seekHead(infoPosition, tracksPosition, cuesPosition));
    await output.write(info);
    for (const range of kept) await output.copyRange(source, range.start, range.end);
    for (const cluster of clusters) {
      await output.write(masterHeader(WriteId.Cluster, lengthOf(cluster)));
      await output.copyRange(source, cluster.start, cluster.end);
    }
    await output.write(cues);
    if (output.position !== segmentDataOffset + segmentSize) {
      throw new Error(
        `WebM rewrite wrote ${output.position - segmentDataOffset} bytes, planned ${segmentSize}`,
      );
    }
    await output.close();
    output = null;
  } finally {
    await output?.abandon();
    await source.close();
  }
}

/** Fixed-width entries (4-byte IDs, 8-byte positions), so its length does not depend on the positions. */
function seekHead(info: number, tracks: number, cues: number): Buffer {
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
async function rebuildInfo(source: FileHandle, scan: WebmScan): Promise<Buffer> {
  const first = scan.firstTimestamp ?? 0;
  // The probe rejects a zero Duration as absent; a single-frame file is shown for one tick.
  const durationTicks = Math.max((scan.endTimestamp ?? first) - first, 1);
  const duration = floatElement(WriteId.Duration, durationTicks);
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
 * One CuePoint per cluster holding a video keyframe (at its first one), positioned relative to the
 * Segment's payload; a file with no keyframe at all gets one cue at its first cluster, as Cues must not
 * be empty.
 */
function buildCues(scan: WebmScan, clusterPositions: readonly number[]): Buffer {
  const videoTrack = scan.tracks.find((track) => track.type === 'video')?.number ?? 1;
  const points: Buffer[] = [];
  let previousTime = -1;
  scan.clusters.forEach((cluster, index) => {
    const keyframe = cluster.firstVideoKeyframe;
    const clusterPosition = clusterPositions[index] ?? 0;
    if (!keyframe) return;
    const time = Math.max(0, keyframe.timecode);
    if (time < previousTime) return; // cue points must be in time order
    previousTime = time;
    points.push(cuePoint(time, videoTrack, clusterPosition, keyframe.offset - cluster.dataOffset));
  });
  const firstCluster = scan.clusters[0];
  if (points.length === 0 && firstCluster) {
    points.push(cuePoint(firstCluster.timecode, videoTrack, clusterPositions[0] ?? 0, null));
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

function last(elements: readonly WebmElement[], id: number): WebmElement | undefined {
  return elements.findLast((child) => child.id === id);
}

function rangeOf(child: WebmElement): Range {
  return { start: child.offset, end: child.dataOffset + (child.size ?? 0) };
}

function lengthOf(range: Range): number {
  return range.end - range.start;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
