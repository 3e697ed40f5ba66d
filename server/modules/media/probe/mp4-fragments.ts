// Fragmented MP4 (what MediaRecorder writes as video/mp4): sums trun sample durations per track.
import { forEachBox, notMp4, readFullBox, u32, u64, type Box } from './bmff';
import type { PositionedReader } from './reader';

export interface FragmentRun {
  trackId: number;
  /** tfdt baseMediaDecodeTime, in the track's timescale; null when the fragment omits it. */
  baseTime: number | null;
  duration: number;
}

/** Default sample durations per track from moov/mvex/trex, used when a fragment gives none. */
export type TrackDefaults = ReadonlyMap<number, number>;

/** Reads one moof box (already known to lie inside the file) into its per-track runs. */
export async function readMovieFragment(
  reader: PositionedReader,
  moof: Box,
  defaults: TrackDefaults,
): Promise<FragmentRun[]> {
  const runs: FragmentRun[] = [];
  await forEachBox(reader, moof.dataOffset, moof.end, async (traf) => {
    if (traf.type !== 'traf') return;
    let trackId: number | null = null;
    let defaultDuration = 0;
    let baseTime: number | null = null;
    let duration = 0;
    await forEachBox(reader, traf.dataOffset, traf.end, async (box) => {
      if (box.type === 'tfhd') {
        const { flags, bytes } = await readFullBox(reader, box, 32, 8);
        trackId = u32(bytes, 4);
        defaultDuration = defaults.get(trackId) ?? 0;
        // Optional fields follow in this order, each present only if its flag is set.
        let at = 8;
        if (flags & 0x01) at += 8; // base data offset
        if (flags & 0x02) at += 4; // sample description index
        if (flags & 0x08) {
          if (bytes.length < at + 4) throw notMp4(`tfhd at byte ${box.offset} is too short`);
          defaultDuration = u32(bytes, at);
        }
      } else if (box.type === 'tfdt') {
        const { version, bytes } = await readFullBox(reader, box, 12, 8);
        if (version === 1 && bytes.length < 12) throw notMp4(`tfdt at byte ${box.offset} is too short`);
        baseTime = version === 1 ? u64(bytes, 4) : u32(bytes, 4);
      } else if (box.type === 'trun') {
        duration += await runDuration(reader, box, defaultDuration);
      }
    });
    if (trackId !== null) runs.push({ trackId, baseTime, duration });
  });
  return runs;
}

async function runDuration(reader: PositionedReader, trun: Box, defaultDuration: number): Promise<number> {
  const { flags, bytes } = await readFullBox(reader, trun, 16, 8);
  const sampleCount = u32(bytes, 4);
  if (!(flags & 0x100)) return sampleCount * defaultDuration;

  let first = trun.dataOffset + 8;
  if (flags & 0x01) first += 4; // data offset
  if (flags & 0x04) first += 4; // first sample flags
  // Each sample record holds the fields whose flags are set (duration, size, flags, composition offset).
  let stride = 0;
  for (const field of [0x100, 0x200, 0x400, 0x800]) if (flags & field) stride += 4;
  // The count comes from the file: it must be backed by bytes inside the box, or a 4-byte lie means 2^32 loops.
  if (first + sampleCount * stride > trun.end)
    throw notMp4(`trun at byte ${trun.offset} claims more samples than it holds`);

  let total = 0;
  for (let index = 0; index < sampleCount; index++) {
    const at = first + index * stride;
    const sample = reader.peek(at, 4) ?? (await reader.read(at, 4));
    total += u32(sample, 0);
  }
  return total;
}

/** Per-track spans of the fragments measured so far, in each track's own timescale. */
export class FragmentTimeline {
  private readonly spans = new Map<number, { start: number; end: number }>();

  constructor(initialEnds: ReadonlyMap<number, number>) {
    for (const [trackId, end] of initialEnds) if (end > 0) this.spans.set(trackId, { start: 0, end });
  }

  add(runs: readonly FragmentRun[]): void {
    for (const run of runs) {
      const span = this.spans.get(run.trackId);
      // Without tfdt a fragment continues where the track's previous one ended.
      const start = run.baseTime ?? span?.end ?? 0;
      const end = start + run.duration;
      if (!span) this.spans.set(run.trackId, { start, end });
      else this.spans.set(run.trackId, { start: Math.min(span.start, start), end: Math.max(span.end, end) });
    }
  }

  span(trackId: number): { start: number; end: number } | null {
    return this.spans.get(trackId) ?? null;
  }
}
