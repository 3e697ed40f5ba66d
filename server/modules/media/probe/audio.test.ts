// Recordings of sound alone (a call with the camera off, an audio-only upload): every format is measured
// like ffprobe measures it, made seekable where its container needs an index, and typed as audio.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repairMedia } from '../repair';
import { MediaParseError, probeMediaFile } from './index';
import {
  AUDIO_FORMATS,
  audioSource,
  ffmpeg,
  ffprobeDuration,
  makeAudioFixtures,
  makeTempDir,
  requireFfmpeg,
  toMediaRecorderShape,
} from '../../../test/media/probe-fixtures';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let files = new Map<string, string>();
const at = (name: string) => join(temp.dir, name);
const SECONDS = 5;

beforeAll(async () => {
  await requireFfmpeg();
  temp = await makeTempDir();
  files = await makeAudioFixtures(temp.dir, SECONDS);
});

afterAll(async () => {
  await temp?.remove();
});

describe('audio-only recordings', () => {
  it.each(AUDIO_FORMATS.map((format) => [format.file, format] as const))(
    'measures %s as audio, as ffprobe does',
    async (file, format) => {
      const path = files.get(file)!;
      const probe = await probeMediaFile(path);
      expect(probe).toMatchObject({
        container: format.container,
        kind: 'audio',
        mimeType: format.mimeType,
        videoCodec: null,
        audioCodec: format.audioCodec,
        width: null,
        height: null,
      });
      expect(Math.abs(probe.durationSeconds - SECONDS)).toBeLessThan(0.1);
      expect(Math.abs(probe.durationSeconds - ((await ffprobeDuration(path)) ?? NaN))).toBeLessThan(0.05);
    },
  );

  it.each(AUDIO_FORMATS.map((format) => [format.file] as const))(
    'repairs %s into a seekable file ffprobe agrees with',
    async (file) => {
      const { path, probe } = await repairMedia(files.get(file)!, temp.dir);
      expect(probe.seekable).toBe(true);
      expect(probe.kind).toBe('audio');
      expect(Math.abs(probe.durationSeconds - ((await ffprobeDuration(path)) ?? NaN))).toBeLessThan(0.05);
    },
  );

  it('gives a MediaRecorder-shaped audio WebM a Duration and Cues on the audio track', async () => {
    const live = at('live-voice.webm');
    await writeFile(live, toMediaRecorderShape(await readFile(files.get('voice.webm')!)));
    const before = await probeMediaFile(live);
    expect(before).toMatchObject({ kind: 'audio', seekable: false, declaredDurationSeconds: null });

    const { path, probe, changed } = await repairMedia(live, temp.dir);
    expect(changed).toBe(true);
    expect(probe).toMatchObject({ kind: 'audio', seekable: true });
    expect(await probeMediaFile(path)).toMatchObject({ kind: 'audio', seekable: true });
    expect(Math.abs(((await ffprobeDuration(path)) ?? NaN) - SECONDS)).toBeLessThan(0.1);
  });

  it('measures an Ogg file from its last complete page when its tail was cut', async () => {
    const long = await ffmpeg([...audioSource(20), '-c:a', 'libopus'], at('long.ogg'));
    const bytes = await readFile(long);
    await writeFile(at('cut.ogg'), bytes.subarray(0, Math.floor(bytes.length * 0.5)));
    const probe = await probeMediaFile(at('cut.ogg'));
    expect(probe.durationSeconds).toBeGreaterThan(7);
    expect(probe.durationSeconds).toBeLessThan(12);
  });

  it('refuses an Ogg file without Opus or Vorbis, and one cut before any sound', async () => {
    const ogg = await readFile(files.get('voice.ogg')!);
    await writeFile(at('head.ogg'), ogg.subarray(0, 40));
    await expect(probeMediaFile(at('head.ogg'))).rejects.toMatchObject({ code: 'truncated' });
    const flac = await ffmpeg([...audioSource(1), '-c:a', 'flac'], at('flac.ogg'));
    const error = await probeMediaFile(flac).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MediaParseError);
    expect((error as MediaParseError).code).toBe('unsupported');
  });
});
