// Whatever bytes arrive, the probe returns a MediaProbe or throws MediaParseError, and never hangs.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaParseError, probeMediaFile, type MediaProbe } from './index';
import { hostileMp4 } from '../../../test/media/hostile-mp4';
import { hostileWebm } from '../../../test/media/hostile-webm';
import {
  avSource,
  ffmpeg,
  makeTempDir,
  requireFfmpeg,
  toMediaRecorderShape,
} from '../../../test/media/probe-fixtures';

/** A single probe taking longer than this counts as a hang. */
const PER_RUN_TIMEOUT = 2_000;
const fixtures = new Map<string, { bytes: Buffer; duration: number }>();
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let scratch = '';

beforeAll(async () => {
  await requireFfmpeg();
  temp = await makeTempDir();
  scratch = join(temp.dir, 'fuzzed');
  const at = (name: string) => join(temp.dir, name);
  const vp8 = [
    '-c:v',
    'libvpx',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-g',
    '10',
    '-cluster_time_limit',
    '500',
  ];
  const h264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '10', '-c:a', 'aac'];
  const [webm, moovAtEnd, faststart, fragmented] = await Promise.all([
    ffmpeg([...avSource(2), ...vp8, '-c:a', 'libopus'], at('call.webm')),
    ffmpeg([...avSource(2), ...h264], at('call.mp4')),
    ffmpeg([...avSource(2), ...h264, '-movflags', '+faststart'], at('faststart.mp4')),
    ffmpeg([...avSource(2), ...h264, '-movflags', 'frag_keyframe+empty_moov'], at('fragmented.mp4')),
  ]);
  const paths = { webm, moovAtEnd, faststart, fragmented };
  for (const [name, path] of Object.entries(paths)) {
    const bytes = await readFile(path);
    fixtures.set(name, { bytes, duration: (await probeMediaFile(path)).durationSeconds });
  }
  const mediaRecorder = toMediaRecorderShape(fixtures.get('webm')?.bytes ?? Buffer.alloc(0));
  await writeFile(at('mediarecorder.webm'), mediaRecorder);
  fixtures.set('mediaRecorder', {
    bytes: mediaRecorder,
    duration: (await probeMediaFile(at('mediarecorder.webm'))).durationSeconds,
  });
});

afterAll(async () => {
  await temp?.remove();
});

/** Probes `bytes` and fails the property on anything but a sound MediaProbe or a MediaParseError. */
async function probeBytes(bytes: Uint8Array): Promise<MediaProbe | MediaParseError> {
  await writeFile(scratch, bytes);
  try {
    const probe = await probeMediaFile(scratch);
    expect(Number.isFinite(probe.durationSeconds) && probe.durationSeconds >= 0).toBe(true);
    expect(probe.fileSize).toBe(bytes.length);
    return probe;
  } catch (error) {
    if (error instanceof MediaParseError) return error;
    throw error;
  }
}

const settings = { numRuns: 150, timeout: PER_RUN_TIMEOUT };

// --- properties -----------------------------------------------------------------------------------

describe('the probe on hostile bytes', () => {
  it('survives random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => void (await probeBytes(bytes))),
      settings,
    );
  });

  it('survives an EBML header followed by random bytes or random elements', async () => {
    await fc.assert(
      fc.asyncProperty(hostileWebm, async (bytes) => void (await probeBytes(bytes))),
      { ...settings, numRuns: 500 },
    );
  });

  it('survives an ftyp box followed by random bytes or random boxes', async () => {
    await fc.assert(
      fc.asyncProperty(hostileMp4, async (bytes) => void (await probeBytes(bytes))),
      { ...settings, numRuns: 500 },
    );
  });
});

describe('the probe on damaged real recordings', () => {
  const names = ['webm', 'mediaRecorder', 'moovAtEnd', 'faststart', 'fragmented'];

  it.each(names)(
    'a %s file cut anywhere is truncated, or measured no longer than the whole',
    async (name) => {
      const { bytes, duration } = fixtures.get(name) ?? { bytes: Buffer.alloc(0), duration: 0 };
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: bytes.length - 1 }), async (cut) => {
          const outcome = await probeBytes(bytes.subarray(0, cut));
          if (outcome instanceof MediaParseError)
            expect(['truncated', 'empty', 'not_media']).toContain(outcome.code);
          else expect(outcome.durationSeconds).toBeLessThanOrEqual(duration + 1e-6);
        }),
        { ...settings, numRuns: 60 },
      );
    },
  );

  it.each(names)('a %s file with flipped bytes is measured or rejected, never crashes', async (name) => {
    const { bytes } = fixtures.get(name) ?? { bytes: Buffer.alloc(0) };
    const flip = fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }));
    // Headers are where flips hurt: aim half of them at the first kilobytes.
    const headerFlip = fc.tuple(
      fc.nat({ max: Math.min(4096, bytes.length - 1) }),
      fc.integer({ min: 1, max: 255 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(flip, headerFlip), { minLength: 1, maxLength: 8 }),
        async (flips) => {
          const damaged = Buffer.from(bytes);
          for (const [at, mask] of flips) damaged[at] = (damaged[at] ?? 0) ^ mask;
          await probeBytes(damaged);
        },
      ),
      { ...settings, numRuns: 60 },
    );
  });
});
