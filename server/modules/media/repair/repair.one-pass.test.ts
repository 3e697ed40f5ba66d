// The one-pass WebM repair: reads the input once, writes what the two-pass rewrite writes, reports the
// probe the result really has, and leaves the layouts it cannot write in one go to the rewrite.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectMediaFile, MediaParseError, probeMediaFile, scanWebm } from '../probe';
import { hostileWebm } from '../../../test/media/hostile-webm';
import {
  avSource,
  ffmpeg,
  makeTempDir,
  requireFfmpeg,
  toMediaRecorderShape,
} from '../../../test/media/probe-fixtures';
import { expectSameBytes } from '../../../test/media/storage-checks';
import { WriteId, floatElement, master } from './ebml-writer';
import { repairMedia } from './index';
import { packetHashes, writeLoopedWebm } from '../../../test/media/repair-fixtures';
import { rewriteWebm } from './webm';

const UNKNOWN_SIZE_CLUSTER = Buffer.from('1f43b67501ffffffffffffff', 'hex');
const VOID = Buffer.from('ec8100', 'hex');
const EMPTY_TAGS = Buffer.from('1254c36780', 'hex');

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let recording: Buffer = Buffer.alloc(0);
let counter = 0;

async function fileOf(bytes: Uint8Array): Promise<string> {
  const path = join(temp.dir, `input-${++counter}.webm`);
  await writeFile(path, bytes);
  return path;
}

/** What the two-pass rewrite writes for the same input. */
async function rewrittenFromScan(input: string): Promise<Buffer> {
  const inspection = await inspectMediaFile(input);
  if (inspection.container !== 'webm') throw new Error('not webm');
  const path = join(temp.dir, `rewritten-${++counter}.webm`);
  await rewriteWebm(input, inspection.scan, path);
  return readFile(path);
}

/** The byte offsets of the MediaRecorder-shaped clusters' headers. */
function clusterOffsets(webm: Buffer): number[] {
  const offsets: number[] = [];
  for (
    let at = webm.indexOf(UNKNOWN_SIZE_CLUSTER);
    at >= 0;
    at = webm.indexOf(UNKNOWN_SIZE_CLUSTER, at + 1)
  ) {
    offsets.push(at);
  }
  return offsets;
}

/** `webm` with `insert` placed before each of its clusters but the first. */
function beforeLaterClusters(webm: Buffer, insert: Buffer): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  for (const at of clusterOffsets(webm).slice(1)) {
    parts.push(webm.subarray(from, at), insert);
    from = at;
  }
  parts.push(webm.subarray(from));
  return Buffer.concat(parts);
}

/** `webm` whose Info declares a Duration (as a file that only lacks Cues would). */
async function withDeclaredDuration(webm: Buffer): Promise<Buffer> {
  const scan = await scanWebm(await fileOf(webm));
  const info = scan.elements.find((element) => element.id === WriteId.Info);
  if (!info || info.size === null) throw new Error('no Info');
  const children = webm.subarray(info.dataOffset, info.dataOffset + info.size);
  const rebuilt = master(WriteId.Info, [children, floatElement(WriteId.Duration, 2000)]);
  return Buffer.concat([webm.subarray(0, info.offset), rebuilt, webm.subarray(info.dataOffset + info.size)]);
}

beforeAll(async () => {
  await requireFfmpeg();
  temp = await makeTempDir();
  const vp8 = ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-g', '10'];
  const webm = await ffmpeg(
    [...avSource(2), ...vp8, '-cluster_time_limit', '500', '-c:a', 'libopus'],
    join(temp.dir, 'call.webm'),
  );
  recording = toMediaRecorderShape(await readFile(webm));
  expect(clusterOffsets(recording).length).toBeGreaterThan(2);
});

afterAll(async () => {
  await temp?.remove();
});

describe('repairing a MediaRecorder WebM in one pass', () => {
  it('writes exactly what the rewrite from a finished scan writes, and reports its real probe', async () => {
    for (const input of [recording, beforeLaterClusters(recording, VOID)]) {
      const path = await fileOf(input);
      const result = await repairMedia(path, temp.dir);
      expect(result.changed).toBe(true);
      expectSameBytes(await readFile(result.path), await rewrittenFromScan(path));
      expect(result.probe).toEqual(await probeMediaFile(result.path));
    }
  });

  it('keeps the clusters before a second timecode in one cluster, as the rewrite from the scan does', async () => {
    // A Timecode is once per Cluster; a second one (here closing the second Cluster) is damage there.
    const third = clusterOffsets(recording)[2]!;
    const damaged = Buffer.concat([
      recording.subarray(0, third),
      Buffer.from('e78100', 'hex'),
      recording.subarray(third),
    ]);
    const path = await fileOf(damaged);
    const scan = await scanWebm(path);
    expect(scan.stoppedEarly?.reason).toBe('corrupt');
    expect(scan.clusters).toHaveLength(2);
    const result = await repairMedia(path, temp.dir);
    expect(result.changed).toBe(true);
    expect(result.probe).toEqual(await probeMediaFile(result.path));
    expectSameBytes(await readFile(result.path), await rewrittenFromScan(path));
  });

  it('reads the input once, plus its head', async () => {
    const input = join(temp.dir, 'long.webm');
    await writeLoopedWebm(recording, 2000, 24 * 1024 * 1024, input);
    const size = (await readFile(input)).length;
    const before = await bytesReadByThisProcess();
    const result = await repairMedia(input, temp.dir);
    const read = (await bytesReadByThisProcess()) - before;
    expect(result.probe.seekable).toBe(true);
    expect(read).toBeGreaterThanOrEqual(size);
    expect(read).toBeLessThan(size * 1.1);
  });

  it('leaves to the rewrite what it cannot write in one go, with the same packets and a true probe', async () => {
    const inputs = [
      // Tags after the clusters must move ahead of them.
      Buffer.concat([recording, EMPTY_TAGS]),
      // A Duration already declared: probably seekable, so nothing is written while scanning.
      await withDeclaredDuration(recording),
    ];
    for (const input of inputs) {
      const path = await fileOf(input);
      const result = await repairMedia(path, temp.dir);
      expect(result.changed).toBe(true);
      expect(result.probe.seekable).toBe(true);
      expect(result.probe).toEqual(await probeMediaFile(result.path));
      expect(await packetHashes(result.path)).toEqual(await packetHashes(path));
    }
  });

  it('property: hostile bytes give MediaParseError, or a result identical to the rewrite with its true probe', async () => {
    const outcomes = { refused: 0, unchanged: 0, repaired: 0 };
    // Damaged real recordings (bytes flipped, the end cut) reach the copy; the soup tests the walk.
    const damaged = fc
      .tuple(
        fc.array(fc.tuple(fc.nat(recording.length - 1), fc.nat(255)), { maxLength: 6 }),
        fc.integer({ min: 1, max: recording.length }),
      )
      .map(([flips, length]) => {
        const copy = Buffer.from(recording.subarray(0, length));
        for (const [at, byte] of flips) if (at < copy.length) copy[at] = byte;
        return copy;
      });
    await fc.assert(
      fc.asyncProperty(fc.oneof(damaged, hostileWebm), async (bytes) => {
        const path = await fileOf(bytes);
        let result;
        try {
          result = await repairMedia(path, temp.dir);
        } catch (error) {
          if (!(error instanceof MediaParseError)) throw error;
          outcomes.refused++;
          return;
        }
        if (!result.changed) {
          outcomes.unchanged++;
          return;
        }
        outcomes.repaired++;
        expect(result.probe).toEqual(await probeMediaFile(result.path));
        expectSameBytes(await readFile(result.path), await rewrittenFromScan(path));
      }),
      { numRuns: 200 },
    );
    // Both ways out are reached.
    expect(outcomes.refused).toBeGreaterThan(0);
    expect(outcomes.repaired).toBeGreaterThan(20);
  });
});

/** `rchar` of /proc/self/io: every byte this process has read through read syscalls. */
async function bytesReadByThisProcess(): Promise<number> {
  const io = await readFile('/proc/self/io', 'utf8');
  return Number(/rchar:\s+(\d+)/.exec(io)?.[1] ?? Number.NaN);
}
