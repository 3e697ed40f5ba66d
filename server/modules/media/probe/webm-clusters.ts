// The hot loop of a WebM probe: every Cluster's Timecode and every block header, payloads skipped unread.
import {
  EbmlId,
  MAX_HEADER_LENGTH,
  SEGMENT_LEVEL_IDS,
  notMatroska,
  parseElementHeader,
  readElementHeader,
  readLeaf,
  readUnsigned,
  vintLength,
  type ElementHeader,
} from './ebml';
import { MediaParseError } from './errors';
import type { PositionedReader } from './reader';

export interface WebmKeyframe {
  /** Absolute timestamp in TimecodeScale ticks. */
  timecode: number;
  /** File position of the SimpleBlock/BlockGroup element (CueRelativePosition = offset − cluster dataOffset). */
  offset: number;
}

export interface WebmCluster {
  /** File position of the Cluster element's ID (CueClusterPosition = offset − segment dataOffset). */
  offset: number;
  dataOffset: number;
  /** null when written with the unknown-size marker (MediaRecorder). */
  size: number | null;
  /** Cluster Timecode in TimecodeScale ticks. */
  timecode: number;
  /** The first keyframe of the cue track (the video, or the sound of an audio-only file), for Cues. */
  firstKeyframe: WebmKeyframe | null;
  /**
   * Where the cluster's last complete child ends: its real end for an unknown-size Cluster, and for
   * a cut or damaged one the end of the part that was measured (what a repair can keep).
   */
  end: number;
}

/** Enough of a block's payload for its header: track vint (≤ 8), timecode (2), flags (1), lace count (1). */
const BLOCK_PREFIX = 12;
/** Gaps kept per track for the median frame duration: enough to be robust, bounded for long files. */
const GAP_SAMPLES = 64;
/** Distinct track numbers tracked; a corrupt file must not grow this without bound. */
const MAX_TRACKS = 64;

interface TrackTiming {
  first: number;
  lastStart: number;
  lastFrames: number;
  lastDuration: number | null;
  previous: number;
  gaps: number[];
  gapCount: number;
}

export interface TrackClock {
  number: number;
  /** DefaultDuration converted to ticks, if the track declares one. */
  defaultDurationTicks: number | null;
}

/** Per-track first and last block timestamps, for the measured duration. */
export class BlockTimeline {
  private readonly tracks = new Map<number, TrackTiming>();

  record(track: number, timestamp: number, frames: number, duration: number | null): void {
    let timing = this.tracks.get(track);
    if (!timing) {
      if (this.tracks.size >= MAX_TRACKS) return;
      timing = {
        first: timestamp,
        lastStart: timestamp,
        lastFrames: frames,
        lastDuration: duration,
        previous: timestamp,
        gaps: [],
        gapCount: 0,
      };
      this.tracks.set(track, timing);
      return;
    }
    const gap = timestamp - timing.previous;
    if (gap > 0) timing.gaps[timing.gapCount++ % GAP_SAMPLES] = gap;
    timing.previous = timestamp;
    timing.first = Math.min(timing.first, timestamp);
    if (timestamp >= timing.lastStart) {
      timing.lastStart = timestamp;
      timing.lastFrames = frames;
      timing.lastDuration = duration;
    }
  }

  /** From the earliest block to the end of the last frame, in ticks, over `clocks`; null if none has blocks. */
  span(clocks: readonly TrackClock[]): { first: number; end: number } | null {
    let first = Infinity;
    let end = -Infinity;
    for (const clock of clocks) {
      const timing = this.tracks.get(clock.number);
      if (!timing) continue;
      // The last frame has no successor to measure against, so estimate how long it is shown.
      const frameTicks =
        timing.lastDuration ??
        (clock.defaultDurationTicks !== null
          ? clock.defaultDurationTicks * timing.lastFrames
          : median(timing.gaps));
      first = Math.min(first, timing.first);
      end = Math.max(end, timing.lastStart + frameTicks);
    }
    return first === Infinity ? null : { first, end };
  }
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

interface BlockHeader {
  track: number;
  relative: number;
  keyframe: boolean;
  frames: number;
}

function parseBlockHeader(bytes: Uint8Array, payloadSize: number, offset: number): BlockHeader {
  const trackLength = vintLength(bytes[0] ?? 0);
  const flagsAt = trackLength + 2;
  if (trackLength === 0 || trackLength > 8 || payloadSize <= flagsAt || bytes.length <= flagsAt) {
    throw notMatroska(`malformed block at byte ${offset}`);
  }
  let track = (bytes[0] ?? 0) & ((0x80 >> (trackLength - 1)) - 1);
  for (let i = 1; i < trackLength; i++) track = track * 256 + (bytes[i] ?? 0);
  const relative = (((bytes[trackLength] ?? 0) << 24) >> 16) | (bytes[trackLength + 1] ?? 0);
  const flags = bytes[flagsAt] ?? 0;
  let frames = 1;
  if (flags & 0x06) {
    const laceCount = bytes[flagsAt + 1];
    if (laceCount === undefined || payloadSize <= flagsAt + 1)
      throw notMatroska(`malformed lacing at byte ${offset}`);
    frames = laceCount + 1;
  }
  return { track, relative, keyframe: (flags & 0x80) !== 0, frames };
}

export interface ClusterContext {
  reader: PositionedReader;
  /** End of the enclosing Segment (the file size when it has an unknown size). */
  segmentEnd: number;
  /** The track Cues point into (video, else audio): see cueTrackOf. */
  cueTrack: { number: number; audio: boolean } | null;
  timeline: BlockTimeline;
  onCluster(cluster: WebmCluster): void;
}

/** Scans one Cluster and returns where the next Segment child starts. */
export async function scanCluster(context: ClusterContext, header: ElementHeader): Promise<number> {
  const { reader, segmentEnd } = context;
  const declaredEnd = header.size === null ? null : header.dataOffset + header.size;
  if (declaredEnd !== null && declaredEnd > segmentEnd && segmentEnd < reader.size) {
    throw notMatroska(`cluster at byte ${header.offset} overruns its segment`);
  }
  const limit = Math.min(declaredEnd ?? segmentEnd, segmentEnd, reader.size);
  let cluster: WebmCluster | null = null;

  const record = (block: BlockHeader, blockOffset: number, duration: number | null) => {
    if (!cluster) throw notMatroska(`block before the cluster timecode at byte ${blockOffset}`);
    const timestamp = cluster.timecode + block.relative;
    context.timeline.record(block.track, timestamp, block.frames, duration);
    const cue = context.cueTrack;
    // Every audio frame starts a decodable point, whatever the recorder flagged (not all flag them).
    if (block.track === cue?.number && (block.keyframe || cue.audio) && !cluster.firstKeyframe) {
      cluster.firstKeyframe = { timecode: timestamp, offset: blockOffset };
    }
  };

  let position = header.dataOffset;
  while (position < limit) {
    const bytes =
      reader.peek(position, MAX_HEADER_LENGTH + BLOCK_PREFIX) ??
      (await reader.read(position, MAX_HEADER_LENGTH + BLOCK_PREFIX));
    const child = parseElementHeader(bytes, position);
    if (!child) throw new MediaParseError('truncated', `The file ends inside a cluster at byte ${position}.`);
    // An unknown-size Cluster has no end marker: it ends where the next Segment-level element begins.
    if (header.size === null && SEGMENT_LEVEL_IDS.has(child.id)) return position;
    if (child.size === null)
      throw notMatroska(`element with unknown size inside a cluster at byte ${position}`);
    const childEnd = child.dataOffset + child.size;
    if (childEnd > reader.size) {
      throw new MediaParseError('truncated', `The file ends inside a block that starts at byte ${position}.`);
    }
    if (childEnd > limit) throw notMatroska(`element at byte ${position} overruns its cluster`);

    if (child.id === EbmlId.Timecode) {
      // One per Cluster: a second would restart it, and the blocks before it would belong to neither.
      if (cluster) throw notMatroska(`second timecode in the cluster at byte ${header.offset}`);
      cluster = {
        offset: header.offset,
        dataOffset: header.dataOffset,
        size: header.size,
        timecode: readUnsigned(await readLeaf(reader, child, 8)),
        firstKeyframe: null,
        end: childEnd,
      };
      context.onCluster(cluster);
    } else if (child.id === EbmlId.SimpleBlock) {
      const prefix = bytes.subarray(child.dataOffset - position);
      record(parseBlockHeader(prefix, child.size, position), position, null);
    } else if (child.id === EbmlId.BlockGroup) {
      await scanBlockGroup(reader, child, childEnd, (block, duration) => record(block, position, duration));
    }
    if (cluster) cluster.end = childEnd;
    position = childEnd; // headers are at least 2 bytes, so the walk always moves forward
  }
  if (declaredEnd !== null && declaredEnd > reader.size) {
    throw new MediaParseError('truncated', `The file ends inside the cluster at byte ${header.offset}.`);
  }
  return limit;
}

async function scanBlockGroup(
  reader: PositionedReader,
  group: ElementHeader,
  groupEnd: number,
  onBlock: (block: BlockHeader, duration: number | null) => void,
): Promise<void> {
  let block: BlockHeader | null = null;
  let duration: number | null = null;
  let referenced = false;
  for (let position = group.dataOffset; position < groupEnd;) {
    const child = await readElementHeader(reader, position);
    if (child.size === null || child.dataOffset + child.size > groupEnd) {
      throw notMatroska(`malformed block group at byte ${group.offset}`);
    }
    if (child.id === EbmlId.Block) {
      const prefix = await reader.read(child.dataOffset, Math.min(BLOCK_PREFIX, child.size));
      block = parseBlockHeader(prefix, child.size, child.offset);
    } else if (child.id === EbmlId.BlockDuration) {
      duration = readUnsigned(await readLeaf(reader, child, 8));
    } else if (child.id === EbmlId.ReferenceBlock) {
      referenced = true;
    }
    position = child.dataOffset + child.size;
  }
  if (!block) throw notMatroska(`block group without a block at byte ${group.offset}`);
  // In a BlockGroup, a keyframe is a block that references no other.
  onBlock({ ...block, keyframe: !referenced }, duration);
}
