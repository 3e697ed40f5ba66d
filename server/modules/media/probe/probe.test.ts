import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaParseError, probeMediaFile } from './index';
import { avSource, ffmpeg, makeTempDir, requireFfmpeg } from '../../../test/media/probe-fixtures';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
const at = (name: string) => join(temp.dir, name);
let webm = '';
let mp4 = '';

beforeAll(async () => {
  await requireFfmpeg();
  temp = await makeTempDir();
  const vp8 = ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8'];
  [webm, mp4] = await Promise.all([
    ffmpeg([...avSource(2), ...vp8, '-c:a', 'libopus'], at('call.webm')),
    ffmpeg([...avSource(2), '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac'], at('call.mp4')),
    ffmpeg([...avSource(2), ...vp8, '-c:a', 'libvorbis'], at('call.mkv')),
    ffmpeg(['-f', 'lavfi', '-i', 'sine=f=440', '-t', '2', '-c:a', 'libopus'], at('voice-only.webm')),
  ]);
});

afterAll(async () => {
  await temp?.remove();
});

async function rejection(path: string): Promise<MediaParseError> {
  const error = await probeMediaFile(path).then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof MediaParseError))
    throw new Error(`expected a MediaParseError, got ${String(error)}`);
  return error;
}

describe('probeMediaFile identifies files by their bytes, not their names', () => {
  it('probes a WebM named .mp4 and an MP4 named .webm', async () => {
    await copyFile(webm, at('misnamed.mp4'));
    await copyFile(mp4, at('misnamed.webm'));
    expect((await probeMediaFile(at('misnamed.mp4'))).container).toBe('webm');
    expect((await probeMediaFile(at('misnamed.webm'))).container).toBe('mp4');
  });

  it('accepts Matroska as well as WebM doc types', async () => {
    const probe = await probeMediaFile(at('call.mkv'));
    expect(probe).toMatchObject({ container: 'webm', videoCodec: 'vp8', audioCodec: 'vorbis' });
    expect(Math.abs(probe.durationSeconds - 2)).toBeLessThan(0.15);
  });

  it('rejects a text file renamed .webm as not media', async () => {
    await writeFile(at('notes.webm'), 'Call notes: customer asked about the refund.\n');
    expect((await rejection(at('notes.webm'))).code).toBe('not_media');
  });

  it('rejects an empty file as empty', async () => {
    await writeFile(at('empty.webm'), '');
    expect((await rejection(at('empty.webm'))).code).toBe('empty');
  });

  it('takes a recording without video as sound alone', async () => {
    expect(await probeMediaFile(at('voice-only.webm'))).toMatchObject({
      container: 'webm',
      kind: 'audio',
      mimeType: 'audio/webm',
      extension: 'weba',
    });
  });

  it('rejects a file with neither video nor sound', async () => {
    // A WebM whose only track is subtitles: real, and neither a video nor a call's sound.
    await writeFile(at('subtitles.srt'), '1\n00:00:00,000 --> 00:00:01,000\nHello\n');
    await ffmpeg(['-i', at('subtitles.srt'), '-c:s', 'webvtt'], at('subtitles.webm'));
    expect((await rejection(at('subtitles.webm'))).code).toBe('no_media');
  });

  it('rejects files cut inside their header as truncated', async () => {
    for (const [source, name] of [
      [webm, 'head.webm'],
      [mp4, 'head.mp4'],
    ] as const) {
      await writeFile(at(name), (await readFile(source)).subarray(0, 300));
      expect((await rejection(at(name))).code).toBe('truncated');
    }
    await writeFile(at('magic-only.webm'), Buffer.from([0x1a, 0x45]));
    expect((await rejection(at('magic-only.webm'))).code).toBe('truncated');
  });

  it('rejects an EBML file that is not WebM or Matroska as unsupported', async () => {
    const bytes = await readFile(webm);
    const docType = bytes.indexOf('webm', 0, 'latin1');
    bytes.write('xyzw', docType, 'latin1');
    await writeFile(at('other-ebml.webm'), bytes);
    expect((await rejection(at('other-ebml.webm'))).code).toBe('unsupported');
  });

  it('lets a missing file fail as an I/O error, not as bad media', async () => {
    await expect(probeMediaFile(at('does-not-exist.webm'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
