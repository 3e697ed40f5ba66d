import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaParseError, probeMediaFile, scanMp4 } from './index';
import {
  avSource,
  ffmpeg,
  ffprobeDuration,
  makeTempDir,
  requireFfmpeg,
} from '../../../test/media/probe-fixtures';

const TOLERANCE = 0.15;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
const files = {
  moovAtEnd: '',
  faststart: '',
  fragmented: '',
  hevc: '',
  opus: '',
  largeSize: '',
  sizeZero: '',
  audioOnly: '',
  cutBeforeMoov: '',
  cutInMdat: '',
  cutAfterMoov: '',
  cutFragmented: '',
};

const h264 = ['-c:v', 'libx264', '-preset', 'ultrafast'];

/** Where ffmpeg's top-level box of `type` starts (ffmpeg writes ftyp, then free/mdat/moov in some order). */
function topLevelBox(bytes: Buffer, type: string): number {
  for (let at = 0; at + 8 <= bytes.length; at += bytes.readUInt32BE(at)) {
    if (bytes.toString('latin1', at + 4, at + 8) === type) return at;
  }
  throw new Error(`no ${type} box`);
}

beforeAll(async () => {
  await requireFfmpeg();
  temp = await makeTempDir();
  const at = (name: string) => join(temp.dir, name);
  [files.moovAtEnd, files.faststart, files.fragmented, files.hevc, files.opus, files.audioOnly] =
    await Promise.all([
      ffmpeg([...avSource(6), ...h264, '-c:a', 'aac'], at('moov-at-end.mp4')),
      ffmpeg([...avSource(6), ...h264, '-c:a', 'aac', '-movflags', '+faststart'], at('faststart.mp4')),
      ffmpeg(
        [
          ...avSource(6),
          ...h264,
          '-g',
          '15',
          '-c:a',
          'aac',
          '-movflags',
          'frag_keyframe+empty_moov+default_base_moof',
        ],
        at('fragmented.mp4'),
      ),
      ffmpeg(
        [
          ...avSource(3),
          '-c:v',
          'libx265',
          '-preset',
          'ultrafast',
          '-x265-params',
          'log-level=none',
          '-tag:v',
          'hvc1',
          '-c:a',
          'aac',
        ],
        at('hevc.mp4'),
      ),
      ffmpeg([...avSource(4), ...h264, '-bf', '2', '-c:a', 'libopus'], at('opus.mp4')),
      ffmpeg(['-f', 'lavfi', '-i', 'sine=f=440', '-t', '3', '-c:a', 'aac'], at('audio-only.m4a')),
    ]);

  // ffmpeg leaves an 8-byte free box before mdat so it can widen mdat's header to 64 bits in place.
  const moovAtEnd = await readFile(files.moovAtEnd);
  const free = topLevelBox(moovAtEnd, 'free');
  const mdatSize = moovAtEnd.readUInt32BE(free + 8);
  const largeSize = Buffer.from(moovAtEnd);
  largeSize.writeUInt32BE(1, free);
  largeSize.write('mdat', free + 4, 'latin1');
  largeSize.writeBigUInt64BE(BigInt(mdatSize + 8), free + 8);
  await writeFile((files.largeSize = at('large-size.mp4')), largeSize);

  // In a faststart file mdat is the last box, so size 0 ("to the end of the file") says the same thing.
  const faststart = await readFile(files.faststart);
  const sizeZero = Buffer.from(faststart);
  sizeZero.writeUInt32BE(0, topLevelBox(faststart, 'mdat'));
  await writeFile((files.sizeZero = at('size-zero.mp4')), sizeZero);

  await writeFile(
    (files.cutBeforeMoov = at('cut-before-moov.mp4')),
    moovAtEnd.subarray(0, topLevelBox(moovAtEnd, 'moov')),
  );
  await writeFile(
    (files.cutAfterMoov = at('cut-after-moov.mp4')),
    faststart.subarray(0, topLevelBox(faststart, 'mdat')),
  );
  await writeFile(
    (files.cutInMdat = at('cut-in-mdat.mp4')),
    faststart.subarray(0, Math.floor(faststart.length * 0.7)),
  );
  const fragmented = await readFile(files.fragmented);
  await writeFile(
    (files.cutFragmented = at('cut-fragmented.mp4')),
    fragmented.subarray(0, Math.floor(fragmented.length * 0.6)),
  );
});

afterAll(async () => {
  await temp?.remove();
});

async function expectRejected(path: string, code: MediaParseError['code']) {
  const error = await probeMediaFile(path).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(MediaParseError);
  expect((error as MediaParseError).code).toBe(code);
}

describe('MP4 files', () => {
  it.each([
    ['moovAtEnd', 6, false],
    ['faststart', 6, true],
  ] as const)(
    'measures H.264/AAC with %s, and knows whether a browser can seek before it has it all',
    async (name, seconds, seekable) => {
      const probe = await probeMediaFile(files[name]);
      expect(probe).toMatchObject({
        container: 'mp4',
        mimeType: 'video/mp4',
        videoCodec: 'h264',
        audioCodec: 'aac',
        width: 320,
        height: 240,
        seekable,
      });
      expect(Math.abs(probe.durationSeconds - seconds)).toBeLessThan(TOLERANCE);
      expect(Math.abs(probe.durationSeconds - ((await ffprobeDuration(files[name])) ?? NaN))).toBeLessThan(
        0.1,
      );
      expect(probe.declaredDurationSeconds).toBeCloseTo(seconds, 1);
    },
  );

  it('measures HEVC and Opus-in-MP4 (with B-frames)', async () => {
    expect(await probeMediaFile(files.hevc)).toMatchObject({
      videoCodec: 'hevc',
      audioCodec: 'aac',
      width: 320,
    });
    expect(Math.abs((await probeMediaFile(files.hevc)).durationSeconds - 3)).toBeLessThan(TOLERANCE);
    const opus = await probeMediaFile(files.opus);
    expect(opus).toMatchObject({ videoCodec: 'h264', audioCodec: 'opus' });
    expect(Math.abs(opus.durationSeconds - 4)).toBeLessThan(TOLERANCE);
  });

  it('measures a fragmented MP4 (as MediaRecorder writes video/mp4) from its fragments', async () => {
    const probe = await probeMediaFile(files.fragmented);
    expect(probe).toMatchObject({
      videoCodec: 'h264',
      audioCodec: 'aac',
      declaredDurationSeconds: null,
      seekable: false,
    });
    expect(Math.abs(probe.durationSeconds - 6)).toBeLessThan(TOLERANCE);
    expect(Math.abs(probe.durationSeconds - ((await ffprobeDuration(files.fragmented)) ?? NaN))).toBeLessThan(
      0.1,
    );
  });

  it('reads 64-bit box sizes and size 0 (box runs to the end of the file)', async () => {
    for (const path of [files.largeSize, files.sizeZero]) {
      const probe = await probeMediaFile(path);
      expect(Math.abs(probe.durationSeconds - 6)).toBeLessThan(TOLERANCE);
      expect(Math.abs(probe.durationSeconds - ((await ffprobeDuration(path)) ?? NaN))).toBeLessThan(0.1);
    }
    const scan = await scanMp4(files.largeSize);
    expect(scan.boxes.map((box) => box.type)).toEqual(['ftyp', 'mdat', 'moov']);
  });

  it('takes an audio-only file as a recording of sound (M4A)', async () => {
    const probe = await probeMediaFile(files.audioOnly);
    expect(probe).toMatchObject({
      kind: 'audio',
      mimeType: 'audio/mp4',
      videoCodec: null,
      audioCodec: 'aac',
    });
    expect(Math.abs(probe.durationSeconds - 3)).toBeLessThan(TOLERANCE);
  });

  it('rejects a recording cut before its moov, or with moov but cut media data', async () => {
    await expectRejected(files.cutBeforeMoov, 'truncated');
    await expectRejected(files.cutInMdat, 'truncated');
    await expectRejected(files.cutAfterMoov, 'truncated');
  });

  it('measures the complete fragments of a cut fragmented file', async () => {
    const probe = await probeMediaFile(files.cutFragmented);
    expect(probe.durationSeconds).toBeGreaterThan(1.5);
    expect(probe.durationSeconds).toBeLessThan(5);
  });
});
