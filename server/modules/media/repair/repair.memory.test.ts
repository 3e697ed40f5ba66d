// A long recording costs no more memory to repair than a short one.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  avSource,
  ffmpeg,
  makeTempDir,
  requireFfmpeg,
  toMediaRecorderShape,
} from '../../../test/media/probe-fixtures';
import { repairMedia } from './index';
import { writeLoopedWebm } from '../../../test/media/repair-fixtures';

const TARGET_BYTES = 300 * 1024 * 1024;
const LOOP_SECONDS = 10;
const MAX_RSS_GROWTH = 100 * 1024 * 1024;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let input = '';
let loops = 0;

beforeAll(async () => {
  await requireFfmpeg();
  temp = await makeTempDir();
  const source = await ffmpeg(
    [
      ...avSource(LOOP_SECONDS),
      ...['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '2M', '-g', '15'],
      ...['-cluster_time_limit', '1000', '-c:a', 'libopus'],
    ],
    join(temp.dir, 'source.webm'),
  );
  input = join(temp.dir, 'long.webm');
  const shaped = toMediaRecorderShape(await readFile(source));
  loops = await writeLoopedWebm(shaped, LOOP_SECONDS * 1000, TARGET_BYTES, input);
});

afterAll(async () => {
  await temp?.remove();
});

describe('repairing a ~300 MB MediaRecorder recording', () => {
  it('keeps resident memory growth under 100 MB', async () => {
    expect((await stat(input)).size).toBeGreaterThanOrEqual(TARGET_BYTES);
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    try {
      const result = await repairMedia(input, temp.dir);
      peak = Math.max(peak, process.memoryUsage().rss);
      expect(result.probe.seekable).toBe(true);
      expect(Math.abs(result.probe.durationSeconds - loops * LOOP_SECONDS)).toBeLessThan(0.5);
    } finally {
      clearInterval(sampler);
    }
    expect(peak - baseline).toBeLessThan(MAX_RSS_GROWTH);
  });
});
