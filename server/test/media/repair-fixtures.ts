// Test and bench helpers: long MediaRecorder-shaped WebM made by looping the clusters of a short one, and
// ffmpeg-based checks (tests only; the product never runs ffmpeg).
import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLUSTER_ID = 0x1f43b675;
const TIMECODE_ID = 0xe7;
const UNKNOWN_SIZE_CLUSTER = Buffer.from('1f43b67501ffffffffffffff', 'hex');

// A deliberately separate, minimal EBML reader, so the fixture does not depend on the code it tests.
function vint(bytes: Buffer, at: number, keepMarker: boolean): { value: number; length: number } {
  const first = bytes[at] ?? 0;
  const length = Math.clz32(first) - 23;
  let value = keepMarker ? first : first & ((0x80 >> (length - 1)) - 1);
  let allOnes = value === (0x80 >> (length - 1)) - 1;
  for (let i = 1; i < length; i++) {
    allOnes &&= bytes[at + i] === 0xff;
    value = value * 256 + (bytes[at + i] ?? 0);
  }
  return { value: !keepMarker && allOnes ? -1 : value, length };
}

/**
 * Splits a MediaRecorder-shaped WebM (from toMediaRecorderShape) into everything before the first
 * Cluster and, per Cluster, its Timecode and the bytes of its other children.
 */
function splitClusters(webm: Buffer): { head: Buffer; clusters: { timecode: number; rest: Buffer }[] } {
  const clusters: { timecode: number; rest: Buffer[] }[] = [];
  let headEnd = -1;
  let at = 0;
  while (at < webm.length) {
    const id = vint(webm, at, true);
    const size = vint(webm, at + id.length, false);
    const dataStart = at + id.length + size.length;
    if (size.value < 0) {
      // Segment or Cluster: unknown size, so its children follow inline.
      if (id.value === CLUSTER_ID) {
        if (headEnd < 0) headEnd = at;
        clusters.push({ timecode: 0, rest: [] });
      }
      at = dataStart;
      continue;
    }
    const end = dataStart + size.value;
    const cluster = clusters.at(-1);
    if (cluster && id.value === TIMECODE_ID) cluster.timecode = webm.readUIntBE(dataStart, size.value);
    else if (cluster) cluster.rest.push(webm.subarray(at, end));
    at = end;
  }
  return {
    head: webm.subarray(0, headEnd),
    clusters: clusters.map((cluster) => ({ timecode: cluster.timecode, rest: Buffer.concat(cluster.rest) })),
  };
}

/**
 * Writes a MediaRecorder-shaped WebM of at least `targetBytes` by repeating the clusters of `shaped`
 * (whose timeline is `loopTicks` long), each repetition later by `loopTicks`. Streams to disk.
 * Returns the number of repetitions written.
 */
export async function writeLoopedWebm(
  shaped: Buffer,
  loopTicks: number,
  targetBytes: number,
  path: string,
): Promise<number> {
  const { head, clusters } = splitClusters(shaped);
  const file = await open(path, 'w');
  try {
    await file.write(head);
    let written = head.length;
    let loops = 0;
    while (written < targetBytes) {
      const parts: Buffer[] = [];
      for (const cluster of clusters) {
        const timecode = Buffer.alloc(10);
        timecode[0] = TIMECODE_ID;
        timecode[1] = 0x88;
        timecode.writeBigUInt64BE(BigInt(cluster.timecode + loops * loopTicks), 2);
        parts.push(UNKNOWN_SIZE_CLUSTER, timecode, cluster.rest);
      }
      const chunk = Buffer.concat(parts);
      await file.write(chunk);
      written += chunk.length;
      loops++;
    }
    return loops;
  } finally {
    await file.close();
  }
}

/** One line per packet: stream, dts, pts, duration, size and hash of the bytes (ffmpeg's framemd5). */
export async function packetHashes(path: string): Promise<string[]> {
  const { stdout } = await run(
    'ffmpeg',
    ['-v', 'error', '-i', path, '-map', '0', '-c', 'copy', '-f', 'framemd5', '-'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout.split('\n').filter((line) => line && !line.startsWith('#'));
}

/** ffmpeg's complaints while decoding every frame (empty when the file decodes cleanly). */
export async function decodeErrors(path: string): Promise<string> {
  const { stderr } = await run('ffmpeg', ['-v', 'error', '-i', path, '-f', 'null', '-'], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return stderr.trim();
}

/** The time (s) of the first video frame ffprobe returns after seeking to `seconds`. */
export async function firstFrameAfterSeek(path: string, seconds: number): Promise<number> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-read_intervals',
    `${seconds}%+#1`,
    '-select_streams',
    'v:0',
    '-show_entries',
    'frame=pts_time',
    '-of',
    'csv=p=0',
    path,
  ]);
  return Number.parseFloat(stdout.trim().split('\n')[0] ?? '');
}
