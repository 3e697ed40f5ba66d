import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMediaFile, scanWebm } from './index';
import {
  avSource,
  ffmpeg,
  ffprobeDuration,
  ffprobeKeyframeTimes,
  makeTempDir,
  requireFfmpeg,
  toMediaRecorderShape,
} from '../../../test/media/probe-fixtures';

const TOLERANCE = 0.15;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
const files = { vp8: '', vp9: '', av1: '', live: '', mediaRecorder: '', cut: '' };

beforeAll(async () => {
  await requireFfmpeg();
  temp = await makeTempDir();
  const at = (name: string) => join(temp.dir, name);
  // Keyframes every second and a cluster per second, so there are several clusters to find.
  const clusters = ['-g', '15', '-cluster_time_limit', '1000'];
  const vp8 = ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8'];
  [files.vp8, files.vp9, files.av1, files.live] = await Promise.all([
    ffmpeg([...avSource(7), ...vp8, '-b:v', '200k', '-c:a', 'libopus', ...clusters], at('vp8.webm')),
    ffmpeg(
      [...avSource(5), '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-c:a', 'libopus'],
      at('vp9.webm'),
    ),
    ffmpeg(
      [
        ...avSource(3),
        '-c:v',
        'libsvtav1',
        '-preset',
        '12',
        '-svtav1-params',
        'verbosity=0',
        '-c:a',
        'libopus',
      ],
      at('av1.webm'),
    ),
    ffmpeg([...avSource(7), ...vp8, '-c:a', 'libopus', '-live', '1', ...clusters], at('live.webm')),
  ]);
  const mediaRecorder = toMediaRecorderShape(await readFile(files.vp8));
  files.mediaRecorder = at('mediarecorder.webm');
  await writeFile(files.mediaRecorder, mediaRecorder);
  files.cut = at('cut.webm');
  await writeFile(files.cut, mediaRecorder.subarray(0, Math.floor(mediaRecorder.length * 0.6)));
});

afterAll(async () => {
  await temp?.remove();
});

describe('WebM files ffmpeg writes (known sizes, Duration, Cues)', () => {
  it.each([
    ['vp8', 7],
    ['vp9', 5],
    ['av1', 3],
  ] as const)(
    'measures a %s file within tolerance of its real length and of ffprobe',
    async (codec, seconds) => {
      const path = files[codec];
      const probe = await probeMediaFile(path);
      expect(probe).toMatchObject({
        container: 'webm',
        mimeType: 'video/webm',
        videoCodec: codec,
        audioCodec: 'opus',
        width: 320,
        height: 240,
        seekable: true,
      });
      expect(probe.durationSeconds).toBeCloseTo(seconds, 0);
      expect(Math.abs(probe.durationSeconds - seconds)).toBeLessThan(TOLERANCE);
      const ffprobe = await ffprobeDuration(path);
      expect(Math.abs(probe.durationSeconds - (ffprobe ?? NaN))).toBeLessThan(0.1);
      expect(probe.declaredDurationSeconds).toBeCloseTo(ffprobe ?? NaN, 3);
    },
  );

  it('reports the real file size', async () => {
    const probe = await probeMediaFile(files.vp8);
    expect(probe.fileSize).toBe((await readFile(files.vp8)).length);
  });

  it('exposes every cluster with the keyframe that starts it, as repair needs for Cues', async () => {
    const scan = await scanWebm(files.vp8);
    const keyframes = new Set(await ffprobeKeyframeTimes(files.vp8));
    expect(scan.timecodeScale).toBe(1_000_000);
    expect(scan.clusters.length).toBeGreaterThanOrEqual(6);
    for (const cluster of scan.clusters) {
      expect(cluster.offset).toBeGreaterThan(scan.segmentDataOffset);
      if (cluster.firstKeyframe) {
        expect(keyframes).toContain(cluster.firstKeyframe.timecode);
        expect(cluster.firstKeyframe.offset).toBeGreaterThanOrEqual(cluster.dataOffset);
      }
    }
    expect(scan.clusters.filter((cluster) => cluster.firstKeyframe).length).toBeGreaterThanOrEqual(6);
  });
});

describe('MediaRecorder-shaped WebM (unknown sizes, no Duration, no Cues)', () => {
  it('really has unknown-size Segment and Clusters and no Duration', async () => {
    const bytes = await readFile(files.mediaRecorder);
    const hex = bytes.toString('hex');
    expect(hex).toContain('1853806701ffffffffffffff');
    const unknownClusters = hex.split('1f43b67501ffffffffffffff').length - 1;
    const scan = await scanWebm(files.mediaRecorder);
    expect(unknownClusters).toBe(scan.clusters.length);
    expect(scan.clusters.length).toBeGreaterThanOrEqual(6);
    expect(scan.segmentSize).toBeNull();
    expect(scan.clusters.every((cluster) => cluster.size === null)).toBe(true);
    expect(scan.hasCues || scan.hasSeekHead).toBe(false);
    expect(scan.declaredDuration).toBeNull();
  });

  it('measures the real duration where the header has none', async () => {
    const probe = await probeMediaFile(files.mediaRecorder);
    expect(probe.declaredDurationSeconds).toBeNull();
    expect(probe.seekable).toBe(false);
    expect(Math.abs(probe.durationSeconds - 7)).toBeLessThan(TOLERANCE);
    expect(probe).toMatchObject({ videoCodec: 'vp8', audioCodec: 'opus', width: 320, height: 240 });
  });

  it('finds the same clusters and keyframes as in the original file', async () => {
    const [original, rewritten] = await Promise.all([scanWebm(files.vp8), scanWebm(files.mediaRecorder)]);
    const times = (scan: typeof original) =>
      scan.clusters.map((cluster) => [cluster.timecode, cluster.firstKeyframe?.timecode ?? null]);
    expect(times(rewritten)).toEqual(times(original));
  });

  it("measures ffmpeg's live mode too (unknown-size Segment, no Duration)", async () => {
    const scan = await scanWebm(files.live);
    expect(scan.segmentSize).toBeNull();
    const probe = await probeMediaFile(files.live);
    expect(probe.declaredDurationSeconds).toBeNull();
    expect(probe.seekable).toBe(false);
    expect(Math.abs(probe.durationSeconds - 7)).toBeLessThan(TOLERANCE);
  });

  it('measures the playable head of a recording cut mid-cluster (an interrupted upload)', async () => {
    const probe = await probeMediaFile(files.cut);
    expect(probe.durationSeconds).toBeGreaterThan(2);
    expect(probe.durationSeconds).toBeLessThan(6);
    const scan = await scanWebm(files.cut);
    expect(scan.stoppedEarly?.reason).toBe('truncated');
  });
});
