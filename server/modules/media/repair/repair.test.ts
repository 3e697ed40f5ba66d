import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaParseError, probeMediaFile, scanMp4, scanWebm } from '../probe';
import { parseElementHeader } from '../probe/ebml';
import {
  avSource,
  ffmpeg,
  ffprobeDuration,
  makeTempDir,
  requireFfmpeg,
  toMediaRecorderShape,
} from '../../../test/media/probe-fixtures';
import { repairMedia } from './index';
import { decodeErrors, firstFrameAfterSeek, packetHashes } from '../../../test/media/repair-fixtures';

const SECONDS = 7;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
const files = { webm: '', mediaRecorder: '', moovAtEnd: '', faststart: '', fragmented: '' };

beforeAll(async () => {
  await requireFfmpeg();
  temp = await makeTempDir();
  const at = (name: string) => join(temp.dir, name);
  // A keyframe and a cluster every second, as MediaRecorder writes them.
  const vp8 = ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-g', '15'];
  const h264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '15', '-c:a', 'aac'];
  [files.webm, files.moovAtEnd, files.faststart, files.fragmented] = await Promise.all([
    ffmpeg([...avSource(SECONDS), ...vp8, '-cluster_time_limit', '1000', '-c:a', 'libopus'], at('call.webm')),
    ffmpeg([...avSource(SECONDS), ...h264], at('call.mp4')),
    ffmpeg([...avSource(3), ...h264, '-movflags', '+faststart'], at('faststart.mp4')),
    ffmpeg([...avSource(3), ...h264, '-movflags', 'frag_keyframe+empty_moov'], at('fragmented.mp4')),
  ]);
  files.mediaRecorder = at('mediarecorder.webm');
  await writeFile(files.mediaRecorder, toMediaRecorderShape(await readFile(files.webm)));
});

afterAll(async () => {
  await temp?.remove();
});

/** CueClusterPosition of every CuePoint, read with the probe's header parser. */
async function cueClusterPositions(path: string): Promise<number[]> {
  const scan = await scanWebm(path);
  const cues = scan.elements.find((element) => element.id === 0x1c53bb6b);
  if (!cues || cues.size === null) return [];
  const bytes = (await readFile(path)).subarray(cues.dataOffset, cues.dataOffset + cues.size);
  const positions: number[] = [];
  const walk = (from: number, to: number) => {
    for (let at = from; at < to;) {
      const child = parseElementHeader(bytes.subarray(at), at);
      if (!child || child.size === null) throw new Error('bad Cues');
      if (child.id === 0xbb || child.id === 0xb7) walk(child.dataOffset, child.dataOffset + child.size);
      if (child.id === 0xf1) positions.push(bytes.readUIntBE(child.dataOffset, child.size));
      at = child.dataOffset + child.size;
    }
  };
  walk(0, bytes.length);
  return positions;
}

describe('MediaRecorder WebM (unknown sizes, no Duration, no Cues)', () => {
  let repaired = '';

  beforeAll(async () => {
    const before = await probeMediaFile(files.mediaRecorder);
    expect(before).toMatchObject({ seekable: false, declaredDurationSeconds: null });
    const result = await repairMedia(files.mediaRecorder, temp.dir);
    expect(result.changed).toBe(true);
    expect(dirname(result.path)).toBe(temp.dir);
    expect(result.probe).toEqual(await probeMediaFile(result.path));
    repaired = result.path;
  });

  it('becomes seekable, with a Duration within 0.1 s of the real length', async () => {
    const probe = await probeMediaFile(repaired);
    expect(probe.seekable).toBe(true);
    expect(Math.abs((probe.declaredDurationSeconds ?? 0) - SECONDS)).toBeLessThan(0.1);
    expect(Math.abs((await ffprobeDuration(repaired))! - SECONDS)).toBeLessThan(0.1);
  });

  it('has known sizes, a SeekHead, and a cue at each keyframe cluster', async () => {
    const scan = await scanWebm(repaired);
    expect(scan.segmentSize).toBe(scan.fileSize - scan.segmentDataOffset);
    expect(scan.hasSeekHead).toBe(true);
    expect(scan.clusters.every((cluster) => cluster.size !== null)).toBe(true);
    const clusterPositions = scan.clusters.map((cluster) => cluster.offset - scan.segmentDataOffset);
    const cues = await cueClusterPositions(repaired);
    expect(cues.length).toBeGreaterThanOrEqual(SECONDS);
    expect(clusterPositions).toEqual(expect.arrayContaining(cues));
  });

  it('keeps every packet byte for byte and decodes cleanly', async () => {
    expect(await packetHashes(repaired)).toEqual(await packetHashes(files.mediaRecorder));
    expect(await decodeErrors(repaired)).toBe('');
  });

  it('seeks to a frame near the requested time', async () => {
    for (const seconds of [2.5, 4.5, 6.2]) {
      const frame = await firstFrameAfterSeek(repaired, seconds);
      expect(frame).toBeGreaterThan(seconds - 1.01);
      expect(frame).toBeLessThanOrEqual(seconds + 0.1);
    }
  });

  it('is left unchanged when repaired again', async () => {
    const again = await repairMedia(repaired, temp.dir);
    expect(again).toMatchObject({ path: repaired, changed: false, probe: { seekable: true } });
  });
});

describe('files that are already seekable or playable as they are', () => {
  it.each(['webm', 'faststart', 'fragmented'] as const)('returns a %s file unchanged', async (name) => {
    const result = await repairMedia(files[name], temp.dir);
    expect(result).toMatchObject({ path: files[name], changed: false });
  });
});

describe('MP4 with moov after mdat', () => {
  it('moves moov to the front, with the same packets and duration', async () => {
    const before = await scanMp4(files.moovAtEnd);
    expect(before.moovOffset!).toBeGreaterThan(before.firstMdatOffset!);
    const result = await repairMedia(files.moovAtEnd, temp.dir);
    expect(result.changed).toBe(true);
    expect(result.probe.seekable).toBe(true);
    expect(result.probe).toEqual(await probeMediaFile(result.path));
    const after = await scanMp4(result.path);
    expect(after.moovOffset!).toBeLessThan(after.firstMdatOffset!);
    // ftyp (and the free box ffmpeg leaves after it) stay first; moov moves to just before mdat.
    const types = (scan: typeof before) => scan.boxes.map((box) => box.type);
    expect(types(after)).toEqual(['ftyp', 'free', 'moov', 'mdat']);
    expect(types(before)).toEqual(['ftyp', 'free', 'mdat', 'moov']);
    expect(await packetHashes(result.path)).toEqual(await packetHashes(files.moovAtEnd));
    expect(await ffprobeDuration(result.path)).toBe(await ffprobeDuration(files.moovAtEnd));
    expect(await decodeErrors(result.path)).toBe('');
    expect(await repairMedia(result.path, temp.dir)).toMatchObject({ path: result.path, changed: false });
  });
});

describe('input that is not a video', () => {
  it('throws MediaParseError and leaves nothing behind', async () => {
    const junk = join(temp.dir, 'junk.webm');
    await writeFile(junk, Buffer.from('definitely not a recording'));
    await expect(repairMedia(junk, temp.dir)).rejects.toBeInstanceOf(MediaParseError);
  });
});
