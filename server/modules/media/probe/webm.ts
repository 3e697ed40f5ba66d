// WebM/Matroska: walks the Segment (Info, Tracks, every Cluster) and measures the real duration.
import {
  EbmlId,
  forEachChild,
  knownEnd,
  notMatroska,
  readAscii,
  readElementHeader,
  readFloat,
  readLeaf,
  readUnsigned,
  type ElementHeader,
} from './ebml';
import { MediaParseError, isTruncation } from './errors';
import { PositionedReader } from './reader';
import { formatOf, roundSeconds, type MediaProbe } from './types';
import {
  BlockTimeline,
  scanCluster,
  type ClusterContext,
  type TrackClock,
  type WebmCluster,
} from './webm-clusters';
import { cueTrackOf, readTracks, type WebmTrack } from './webm-tracks';

export type { WebmCluster, WebmKeyframe } from './webm-clusters';
export type { WebmTrack } from './webm-tracks';

/** A Segment child other than a Cluster, where repair may rewrite or insert elements. */
export interface WebmElement {
  id: number;
  offset: number;
  dataOffset: number;
  size: number | null;
}

export interface WebmScan {
  docType: 'webm' | 'matroska';
  fileSize: number;
  segmentOffset: number;
  /** Where the Segment's payload starts: SeekHead and Cues positions are relative to this. */
  segmentDataOffset: number;
  /** null when the Segment has the unknown-size marker (MediaRecorder). */
  segmentSize: number | null;
  /** Nanoseconds per timestamp tick. */
  timecodeScale: number;
  /** Duration from Info, in ticks, if present. */
  declaredDuration: number | null;
  elements: WebmElement[];
  tracks: WebmTrack[];
  clusters: WebmCluster[];
  hasCues: boolean;
  hasSeekHead: boolean;
  /** Earliest block timestamp and end of the last frame, in ticks (null when there are no blocks). */
  firstTimestamp: number | null;
  endTimestamp: number | null;
  /** Same span over the cue track only (video, else audio): null means the file has no frames of it. */
  cueSpan: { first: number; end: number } | null;
  /**
   * Set when the walk stopped before the end of the file. `position` is the Segment child (usually a
   * Cluster) where it stopped; every complete block before the damage is still measured.
   */
  stoppedEarly: { position: number; reason: 'truncated' | 'corrupt'; message: string } | null;
}

/** A real recording has thousands of clusters; millions mean a hostile or broken file. */
const MAX_CLUSTERS = 2_000_000;
const DEFAULT_TIMECODE_SCALE = 1_000_000;

/** Told of each Segment child as the walk reaches it (a repair that writes while it scans). */
export interface WebmScanObserver {
  /** Called once the child's header is read and everything before it is in `scan`. */
  segmentChild(header: ElementHeader, scan: WebmScan): Promise<void> | void;
}

export function scanWebm(path: string): Promise<WebmScan> {
  return PositionedReader.with(path, (reader) => scanWebmFrom(reader));
}

export async function scanWebmFrom(reader: PositionedReader, observer?: WebmScanObserver): Promise<WebmScan> {
  const ebml = await readElementHeader(reader, 0);
  if (ebml.id !== EbmlId.Ebml) throw notMatroska('no EBML header');
  const ebmlEnd = knownEnd(ebml, reader.size, reader.size);
  let docType = 'matroska'; // the EBML default when DocType is absent
  await forEachChild(reader, ebml, ebmlEnd, async (child) => {
    if (child.id === EbmlId.DocType) docType = readAscii(await readLeaf(reader, child, 64));
  });
  if (docType !== 'webm' && docType !== 'matroska') {
    throw new MediaParseError(
      'unsupported',
      `EBML files of type "${docType}" are not supported (only WebM).`,
    );
  }

  const segment = await findSegment(reader, ebmlEnd);
  const scan: WebmScan = {
    docType,
    fileSize: reader.size,
    segmentOffset: segment.offset,
    segmentDataOffset: segment.dataOffset,
    segmentSize: segment.size,
    timecodeScale: DEFAULT_TIMECODE_SCALE,
    declaredDuration: null,
    elements: [],
    tracks: [],
    clusters: [],
    hasCues: false,
    hasSeekHead: false,
    firstTimestamp: null,
    endTimestamp: null,
    cueSpan: null,
    stoppedEarly: null,
  };
  const timeline = new BlockTimeline();
  await walkSegment(reader, segment, scan, timeline, observer);

  const clocks = scan.tracks.map((track): TrackClock => ({
    number: track.number,
    defaultDurationTicks:
      track.defaultDurationNs === null ? null : track.defaultDurationNs / scan.timecodeScale,
  }));
  const span = timeline.span(clocks);
  scan.firstTimestamp = span?.first ?? null;
  scan.endTimestamp = span?.end ?? null;
  const cueTrack = cueTrackOf(scan.tracks);
  scan.cueSpan = cueTrack ? timeline.span(clocks.filter((clock) => clock.number === cueTrack.number)) : null;
  return scan;
}

async function findSegment(reader: PositionedReader, from: number): Promise<ElementHeader> {
  for (let position = from; ;) {
    const header = await readElementHeader(reader, position);
    if (header.id === EbmlId.Segment) return header;
    position = knownEnd(header, reader.size, reader.size);
  }
}

async function walkSegment(
  reader: PositionedReader,
  segment: ElementHeader,
  scan: WebmScan,
  timeline: BlockTimeline,
  observer: WebmScanObserver | undefined,
): Promise<void> {
  // A known-size Segment that runs past the file is a cut file; walking to its declared end finds the cut.
  const segmentEnd = segment.size === null ? reader.size : segment.dataOffset + segment.size;
  const context = {
    reader,
    segmentEnd: Math.min(segmentEnd, reader.size),
    cueTrack: null as ClusterContext['cueTrack'],
    timeline,
    onCluster(cluster: WebmCluster) {
      if (scan.clusters.length >= MAX_CLUSTERS) {
        throw new MediaParseError(
          'unsupported',
          `More than ${MAX_CLUSTERS} clusters: not a recording we can measure.`,
        );
      }
      scan.clusters.push(cluster);
    },
  };
  let position = segment.dataOffset;
  try {
    while (position < segmentEnd) {
      const header = await readElementHeader(reader, position);
      // A second EBML stream appended to the first (a restarted recorder): measure the first only.
      if (header.id === EbmlId.Ebml || header.id === EbmlId.Segment) break;
      await observer?.segmentChild(header, scan);
      if (header.id === EbmlId.Cluster) {
        position = await scanCluster(context, header);
        continue;
      }
      const end = knownEnd(header, segmentEnd, reader.size);
      scan.elements.push({
        id: header.id,
        offset: header.offset,
        dataOffset: header.dataOffset,
        size: header.size,
      });
      if (header.id === EbmlId.Info) await readInfo(reader, header, end, scan);
      else if (header.id === EbmlId.Tracks) {
        scan.tracks = await readTracks(reader, header, end);
        const cueTrack = cueTrackOf(scan.tracks);
        context.cueTrack = cueTrack ? { number: cueTrack.number, audio: cueTrack.type === 'audio' } : null;
      } else if (header.id === EbmlId.Cues) scan.hasCues = true;
      else if (header.id === EbmlId.SeekHead) scan.hasSeekHead = true;
      position = end;
    }
  } catch (error) {
    // Once media has started, a cut or damaged tail leaves a playable head: measure that.
    if (!(error instanceof MediaParseError) || scan.clusters.length === 0 || error.code === 'unsupported')
      throw error;
    scan.stoppedEarly = {
      position,
      reason: isTruncation(error) ? 'truncated' : 'corrupt',
      message: error.message,
    };
  }
}

async function readInfo(reader: PositionedReader, info: ElementHeader, end: number, scan: WebmScan) {
  await forEachChild(reader, info, end, async (child) => {
    if (child.id === EbmlId.TimecodeScale) {
      const scale = readUnsigned(await readLeaf(reader, child, 8));
      if (scale < 1 || scale > 1e12) throw notMatroska(`TimecodeScale ${scale}`);
      scan.timecodeScale = scale;
    } else if (child.id === EbmlId.Duration) {
      const duration = readFloat(await readLeaf(reader, child, 8));
      scan.declaredDuration = Number.isFinite(duration) && duration > 0 ? duration : null;
    }
  });
}

/** The MediaProbe of a scanned WebM file: a video, or a recording of sound alone. */
export function describeWebm(scan: WebmScan): MediaProbe {
  const video = scan.tracks.find((track) => track.type === 'video');
  const audio = scan.tracks.find((track) => track.type === 'audio');
  const kind = video ? 'video' : 'audio';
  if (!video && !audio)
    throw new MediaParseError('no_media', 'The file has neither a video nor an audio track.');
  if (!scan.cueSpan || scan.firstTimestamp === null || scan.endTimestamp === null) {
    if (scan.stoppedEarly?.reason === 'corrupt')
      throw new MediaParseError('not_media', scan.stoppedEarly.message);
    if (scan.stoppedEarly || scan.clusters.length === 0) {
      throw new MediaParseError('truncated', `The file ends before its first ${kind} frame.`);
    }
    throw new MediaParseError(
      'no_media',
      `The file has ${kind === 'video' ? 'a video' : 'an audio'} track but no ${kind} frames.`,
    );
  }
  const ticksToSeconds = scan.timecodeScale / 1e9;
  const durationSeconds = (scan.endTimestamp - scan.firstTimestamp) * ticksToSeconds;
  if (!Number.isFinite(durationSeconds) || durationSeconds < 0) {
    throw notMatroska('block timestamps do not form a timeline');
  }
  const declaredDurationSeconds =
    scan.declaredDuration === null ? null : roundSeconds(scan.declaredDuration * ticksToSeconds);
  return {
    ...formatOf('webm', kind),
    videoCodec: video?.codec ?? null,
    audioCodec: audio?.codec ?? null,
    width: video?.width ?? null,
    height: video?.height ?? null,
    durationSeconds: roundSeconds(durationSeconds),
    declaredDurationSeconds,
    seekable: scan.hasCues && declaredDurationSeconds !== null,
    fileSize: scan.fileSize,
  };
}
