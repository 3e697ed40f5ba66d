// Whatever prefix of a recording arrives, repair either rejects it as media or makes it seekable.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaParseError, probeMediaFile } from '../probe';
import {
  avSource,
  ffmpeg,
  makeTempDir,
  requireFfmpeg,
  toMediaRecorderShape,
} from '../../../test/media/probe-fixtures';
import { repairMedia } from './index';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let recording: Buffer = Buffer.alloc(0);

beforeAll(async () => {
  await requireFfmpeg();
  temp = await makeTempDir();
  const vp8 = ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-g', '10'];
  const webm = await ffmpeg(
    [...avSource(2), ...vp8, '-cluster_time_limit', '500', '-c:a', 'libopus'],
    join(temp.dir, 'call.webm'),
  );
  recording = toMediaRecorderShape(await readFile(webm));
});

afterAll(async () => {
  await temp?.remove();
});

describe('repairing truncated MediaRecorder recordings', () => {
  it('throws MediaParseError or yields a file the probe accepts as seekable', async () => {
    const input = join(temp.dir, 'cut.webm');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: recording.length }), async (length) => {
        await writeFile(input, recording.subarray(0, length));
        let outcome: Awaited<ReturnType<typeof repairMedia>> | MediaParseError;
        try {
          outcome = await repairMedia(input, temp.dir);
        } catch (error) {
          if (error instanceof MediaParseError) return;
          throw error;
        }
        expect(outcome.changed).toBe(true);
        const probe = await probeMediaFile(outcome.path);
        expect(probe.seekable).toBe(true);
        // The probe repair reports is taken from its one pass; it must be what the file really has.
        expect(outcome.probe).toEqual(probe);
        expect(probe.durationSeconds).toBeLessThanOrEqual(2.1);
      }),
      { numRuns: 150 },
    );
  });
});
