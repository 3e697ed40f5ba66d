// The media route's answers to Range headers, preconditions and URL spellings (RFC 9110), via inject.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mediaRoutes from './routes';
import { nowUnix, signMediaPath, signedMediaUrl } from './signing';
import { expectSameBytes } from '../../test/media/storage-checks';

const signingSecret = 'media-ranges-test-secret';
const KEY = 'recordings/2025/07/call.webm';
const content = randomBytes(50_000);
let root: string;
let app: FastifyInstance;

function mediaUrl(key = KEY): string {
  return signedMediaUrl({ publicUrl: '', key, ttlSeconds: 600, secret: signingSecret });
}

function get(headers: Record<string, string> = {}, url = mediaUrl()) {
  return app.inject({ method: 'GET', url, headers });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tapeline-media-ranges-'));
  const folder = join(root, 'recordings', '2025', '07');
  await mkdir(folder, { recursive: true });
  await writeFile(join(root, KEY), content);
  await writeFile(join(folder, 'empty.webm'), '');
  for (const name of ['voice.m4a', 'voice.weba', 'voice.mp3', 'voice.ogg', 'voice.opus', 'note.bin']) {
    await writeFile(join(folder, name), 'x');
  }
  app = Fastify();
  await app.register(mediaRoutes, { mediaDir: root, signingSecret });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('Range headers that are not valid byte ranges are ignored: the whole file, 200', () => {
  it.each(['bytes=1.5-2', 'bytes=0x10-', 'bytes=0x10-0x20', 'bytes=5-3', 'bytes=1e3-', 'bytes=+5-9'])(
    '%s',
    async (range) => {
      const response = await get({ range });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-range']).toBeUndefined();
      expectSameBytes(response.rawPayload, content);
    },
  );

  it.each(['bytes=', 'bytes=-', 'bytes=abc', 'items=0-9', 'bytes 0-9', 'bytes=0-9;x', 'bytes=0--9'])(
    '%s',
    async (range) => {
      const response = await get({ range });
      expect(response.statusCode).toBe(200);
      expect(response.rawPayload.length).toBe(content.length);
    },
  );
});

describe('valid byte ranges', () => {
  it('a suffix longer than the file selects all of it: 206 with the whole content', async () => {
    const response = await get({ range: 'bytes=-999999999999' });
    expect(response.statusCode).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes 0-${content.length - 1}/${content.length}`);
    expectSameBytes(response.rawPayload, content);
  });

  it('a last position far past the end is cut at the end, whatever its number of digits', async () => {
    const response = await get({ range: `bytes=49990-${'9'.repeat(40)}` });
    expect(response.statusCode).toBe(206);
    expectSameBytes(response.rawPayload, content.subarray(49_990));
  });

  it('overlapping and adjacent ranges are merged into one 206', async () => {
    const overlapping = await get({ range: 'bytes=0-9,5-19' });
    expect(overlapping.statusCode).toBe(206);
    expect(overlapping.headers['content-range']).toBe(`bytes 0-19/${content.length}`);
    const adjacent = await get({ range: 'bytes=10-19, 0-9' });
    expect(adjacent.statusCode).toBe(206);
    expectSameBytes(adjacent.rawPayload, content.subarray(0, 20));
  });

  it('the unit is case-insensitive and list whitespace is allowed', async () => {
    const response = await get({ range: 'Bytes= 100-199 ,' });
    expect(response.statusCode).toBe(206);
    expectSameBytes(response.rawPayload, content.subarray(100, 200));
  });

  it('ranges none of which overlap the file → 416 (a zero-length suffix, a start past the end)', async () => {
    for (const range of [
      'bytes=-0',
      `bytes=${content.length}-${content.length + 10}`,
      'bytes=60000-,70000-',
    ]) {
      const response = await get({ range });
      expect(response.statusCode, range).toBe(416);
      expect(response.headers['content-range']).toBe(`bytes */${content.length}`);
    }
  });

  it('an empty file: 200 with no bytes, and any range is unsatisfiable', async () => {
    const url = mediaUrl('recordings/2025/07/empty.webm');
    const whole = await get({}, url);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-length']).toBe('0');
    expect(whole.rawPayload.length).toBe(0);
    const ranged = await get({ range: 'bytes=0-' }, url);
    expect(ranged.statusCode).toBe(416);
    expect(ranged.headers['content-range']).toBe('bytes */0');
  });
});

describe('preconditions', () => {
  it('the ETag is strong, and If-Range with a weak copy of it gets the whole file', async () => {
    const etag = String((await get()).headers['etag']);
    expect(etag).toMatch(/^"[^"]+"$/);
    const weak = await get({ range: 'bytes=0-9', 'if-range': `W/${etag}` });
    expect(weak.statusCode).toBe(200);
    const strong = await get({ range: 'bytes=0-9', 'if-range': etag });
    expect(strong.statusCode).toBe(206);
  });

  it('If-None-Match compares weakly: W/"<etag>" or a list containing it → 304', async () => {
    const etag = String((await get()).headers['etag']);
    expect((await get({ 'if-none-match': `W/${etag}` })).statusCode).toBe(304);
    expect((await get({ 'if-none-match': `"other", ${etag}` })).statusCode).toBe(304);
    expect((await get({ 'if-none-match': '*' })).statusCode).toBe(304);
  });

  it('If-Modified-Since: 304 at or after Last-Modified, 200 before; ignored beside If-None-Match', async () => {
    const lastModified = String((await get()).headers['last-modified']);
    const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await get({ 'if-modified-since': lastModified })).statusCode).toBe(304);
    expect((await get({ 'if-modified-since': earlier })).statusCode).toBe(200);
    const both = await get({ 'if-modified-since': lastModified, 'if-none-match': '"other"' });
    expect(both.statusCode).toBe(200);
  });

  it('If-Match with another ETag or If-Unmodified-Since before the change → 412', async () => {
    const first = await get();
    const etag = String(first.headers['etag']);
    const earlier = new Date(Date.parse(String(first.headers['last-modified'])) - 1000).toUTCString();
    expect((await get({ 'if-match': '"other"' })).statusCode).toBe(412);
    expect((await get({ 'if-match': `W/${etag}` })).statusCode).toBe(412); // If-Match compares strongly
    expect((await get({ 'if-unmodified-since': earlier })).statusCode).toBe(412);
    expect((await get({ 'if-match': etag, range: 'bytes=0-9' })).statusCode).toBe(206);
  });
});

describe('URL spellings', () => {
  it('an exp with a leading zero is refused like any altered URL, even under its number’s signature', async () => {
    const exp = nowUnix() + 600;
    const sig = signMediaPath(KEY, exp, signingSecret);
    expect((await get({}, `/media/${KEY}?exp=${exp}&sig=${sig}`)).statusCode).toBe(200);
    for (const spelling of [`0${exp}`, `00${exp}`]) {
      const response = await get({}, `/media/${KEY}?exp=${spelling}&sig=${sig}`);
      expect(response.statusCode, spelling).toBe(403);
      expect(response.rawPayload.includes(content.subarray(0, 64))).toBe(false);
    }
  });
});

describe('content types', () => {
  it.each([
    ['voice.m4a', 'audio/mp4'],
    ['voice.weba', 'audio/webm'],
    ['voice.mp3', 'audio/mpeg'],
    ['voice.ogg', 'audio/ogg'],
    ['voice.opus', 'audio/ogg'],
    ['note.bin', 'application/octet-stream'],
  ])('%s → %s', async (name, type) => {
    const response = await get({}, mediaUrl(`recordings/2025/07/${name}`));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(type);
  });
});
