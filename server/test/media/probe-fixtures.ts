// Test helpers: real media made by ffmpeg (tests only; the product never runs ffmpeg), and a rewrite of
// ffmpeg's WebM into the exact shape Chromium's MediaRecorder writes.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Fails loudly (never skips) when ffmpeg is missing: CI installs it. */
export async function requireFfmpeg(): Promise<void> {
  try {
    await run('ffmpeg', ['-hide_banner', '-version']);
    await run('ffprobe', ['-hide_banner', '-version']);
  } catch {
    throw new Error(
      'These tests need ffmpeg and ffprobe on PATH to generate fixtures (apt-get install ffmpeg).',
    );
  }
}

/** A test pattern with a tone: `seconds` long, 320x240 at 15 fps. */
export function avSource(seconds: number): string[] {
  return [
    '-f',
    'lavfi',
    '-i',
    'testsrc2=s=320x240:r=15',
    '-f',
    'lavfi',
    '-i',
    'sine=f=440',
    '-t',
    String(seconds),
  ];
}

/** A tone alone, as a call with the camera off records it: `seconds` long. */
export function audioSource(seconds: number): string[] {
  return ['-f', 'lavfi', '-i', 'sine=f=440', '-t', String(seconds)];
}

/** Every audio-only format a recording may come in, as ffmpeg writes it, with what the probe must say. */
export const AUDIO_FORMATS = [
  {
    file: 'voice.webm',
    codec: ['-c:a', 'libopus'],
    container: 'webm',
    audioCodec: 'opus',
    mimeType: 'audio/webm',
  },
  {
    file: 'voice.mka',
    codec: ['-c:a', 'libvorbis'],
    container: 'webm',
    audioCodec: 'vorbis',
    mimeType: 'audio/webm',
  },
  { file: 'voice.m4a', codec: ['-c:a', 'aac'], container: 'mp4', audioCodec: 'aac', mimeType: 'audio/mp4' },
  {
    file: 'voice-opus.mp4',
    codec: ['-c:a', 'libopus'],
    container: 'mp4',
    audioCodec: 'opus',
    mimeType: 'audio/mp4',
  },
  {
    file: 'voice.ogg',
    codec: ['-c:a', 'libopus'],
    container: 'ogg',
    audioCodec: 'opus',
    mimeType: 'audio/ogg',
  },
  {
    file: 'voice-vorbis.ogg',
    codec: ['-c:a', 'libvorbis'],
    container: 'ogg',
    audioCodec: 'vorbis',
    mimeType: 'audio/ogg',
  },
] as const;

/** Writes every AUDIO_FORMATS file, `seconds` long, into `dir`; returns their paths by file name. */
export async function makeAudioFixtures(dir: string, seconds: number): Promise<Map<string, string>> {
  const paths = await Promise.all(
    AUDIO_FORMATS.map((format) => ffmpeg([...audioSource(seconds), ...format.codec], join(dir, format.file))),
  );
  return new Map(AUDIO_FORMATS.map((format, index) => [format.file, paths[index]!]));
}

export async function ffmpeg(args: string[], output: string): Promise<string> {
  // One thread each: the fixtures are encoded in parallel, and threaded libvpx crawls when oversubscribed.
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args, '-threads', '1', output]);
  return output;
}

/** What ffprobe reports as the format duration, or null when it cannot tell (e.g. live WebM). */
export async function ffprobeDuration(path: string): Promise<number | null> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'format=duration',
    '-of',
    'csv=p=0',
    path,
  ]);
  const seconds = Number.parseFloat(stdout.trim());
  return Number.isFinite(seconds) ? seconds : null;
}

/** Presentation times (ms) of the video keyframes, as ffprobe sees them. */
export async function ffprobeKeyframeTimes(path: string): Promise<number[]> {
  const { stdout } = await run(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pts,flags', '-of', 'csv=p=0', path],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout
    .split('\n')
    .map((line) => line.split(','))
    .filter(([, flags]) => flags?.startsWith('K'))
    .map(([pts]) => Number(pts));
}

export async function makeTempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tapeline-probe-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

// A deliberately separate, minimal EBML reader, so the fixture does not depend on the code it tests.
function vint(bytes: Buffer, at: number, keepMarker: boolean): { value: number; length: number } {
  const first = bytes[at] ?? 0;
  const length = Math.clz32(first) - 23;
  let value = keepMarker ? first : first & ((0x80 >> (length - 1)) - 1);
  for (let i = 1; i < length; i++) value = value * 256 + (bytes[at + i] ?? 0);
  return { value, length };
}

interface RawElement {
  id: number;
  start: number;
  dataStart: number;
  end: number;
}

function children(bytes: Buffer, from: number, to: number): RawElement[] {
  const found: RawElement[] = [];
  for (let at = from; at < to;) {
    const id = vint(bytes, at, true);
    const size = vint(bytes, at + id.length, false);
    const dataStart = at + id.length + size.length;
    found.push({ id: id.value, start: at, dataStart, end: dataStart + size.value });
    at = dataStart + size.value;
  }
  return found;
}

const UNKNOWN_SIZE = Buffer.from('01ffffffffffffff', 'hex');
const ids = { segment: 0x18538067, info: 0x1549a966, tracks: 0x1654ae6b, cluster: 0x1f43b675 };

function idBytes(id: number): Buffer {
  const hex = id.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

function sized(id: number, payload: Buffer): Buffer {
  const size = Buffer.alloc(8);
  size.writeBigUInt64BE(BigInt(payload.length) | (1n << 56n)); // an 8-byte vint, as libwebm writes
  return Buffer.concat([idBytes(id), size, payload]);
}

/**
 * Rewrites a known-size WebM into what Chromium's MediaRecorder produces: Segment and every Cluster with
 * the 8-byte unknown-size marker, Info without Duration, and no SeekHead, Cues, Tags, Void or CRC-32.
 */
export function toMediaRecorderShape(webm: Buffer): Buffer {
  const [header, segment] = children(webm, 0, webm.length);
  if (!header || segment?.id !== ids.segment) throw new Error('not a WebM file with a Segment');
  const parts: Buffer[] = [webm.subarray(header.start, header.end), idBytes(ids.segment), UNKNOWN_SIZE];
  for (const element of children(webm, segment.dataStart, Math.min(segment.end, webm.length))) {
    const inner = children(webm, element.dataStart, element.end).filter((child) => child.id !== 0xbf);
    const payload = (kept: RawElement[]) =>
      Buffer.concat(kept.map((child) => webm.subarray(child.start, child.end)));
    if (element.id === ids.info)
      parts.push(sized(ids.info, payload(inner.filter((child) => child.id !== 0x4489))));
    else if (element.id === ids.tracks) parts.push(sized(ids.tracks, payload(inner)));
    else if (element.id === ids.cluster) parts.push(idBytes(ids.cluster), UNKNOWN_SIZE, payload(inner));
  }
  return Buffer.concat(parts);
}
