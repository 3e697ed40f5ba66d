import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStorage } from './local-storage';
import mediaRoutes from './routes';
import { verifyMediaSignature } from './signing';
import type { MediaStorage } from './storage';
import { expectPutStreamAllOrNothing, expectSameBytes } from '../../test/media/storage-checks';
import { buffer } from 'node:stream/consumers';

const signingSecret = 'local-storage-test-secret';
const invalidKeys = [
  '../escape.webm',
  'a/../../b.webm',
  '/abs.webm',
  'a\\b.webm',
  'a\0b.webm',
  '',
  '.tmp',
  'a//b',
  'a/',
];

let root: string;
let mediaDir: string;
let storage: MediaStorage;

async function sourceFile(name: string, content: Buffer): Promise<string> {
  const path = join(root, name);
  await writeFile(path, content);
  return path;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tapeline-local-storage-'));
  mediaDir = join(root, 'media');
  storage = createLocalStorage({
    mediaDir,
    publicUrl: 'http://media.test:8080/',
    signingSecret,
    urlTtlSeconds: 900,
  });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('createLocalStorage', () => {
  it('is the local kind', () => {
    expect(storage.kind).toBe('local');
  });

  it('stores a file under its key, creating folders, and leaves no temp file behind', async () => {
    const content = randomBytes(3 * 1024 * 1024 + 17);
    const stored = await storage.putFile(
      'recordings/2025/06/call.webm',
      await sourceFile('call.webm', content),
      'video/webm',
    );

    expect(stored.size).toBe(content.length);
    expectSameBytes(await readFile(join(mediaDir, 'recordings', '2025', '06', 'call.webm')), content);
    expect(await readdir(join(mediaDir, 'recordings', '2025', '06'))).toEqual(['call.webm']);
    expect(await storage.stat('recordings/2025/06/call.webm')).toEqual(stored);
  });

  it('replaces a stored file whole: a reader that opened the old one still reads the old bytes', async () => {
    const before = randomBytes(256 * 1024);
    const after = randomBytes(128 * 1024);
    await storage.putFile('recordings/replaced.webm', await sourceFile('before.webm', before), 'video/webm');
    const openedBefore = await storage.read('recordings/replaced.webm');

    await storage.putFile('recordings/replaced.webm', await sourceFile('after.webm', after), 'video/webm');

    expectSameBytes(await buffer(openedBefore), before);
    expectSameBytes(await buffer(await storage.read('recordings/replaced.webm')), after);
    expect((await storage.stat('recordings/replaced.webm'))?.size).toBe(after.length);
  });

  it('fails to store a missing source without leaving anything under the key', async () => {
    await expect(
      storage.putFile('recordings/missing.webm', join(root, 'no-such-file.webm'), 'video/webm'),
    ).rejects.toThrow(/ENOENT/);
    expect(await storage.stat('recordings/missing.webm')).toBeNull();
    expect((await readdir(join(mediaDir, 'recordings'))).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('answers null for a missing key and for a folder', async () => {
    expect(await storage.stat('recordings/nothing-here.webm')).toBeNull();
    expect(await storage.stat('nowhere/at/all.webm')).toBeNull();
    expect(await storage.stat('recordings')).toBeNull();
  });

  it('deletes a stored file, and deleting a missing key is not an error', async () => {
    await storage.putFile(
      'recordings/deleted.webm',
      await sourceFile('d.webm', randomBytes(10)),
      'video/webm',
    );
    await storage.delete('recordings/deleted.webm');
    expect(await storage.stat('recordings/deleted.webm')).toBeNull();
    await expect(storage.delete('recordings/deleted.webm')).resolves.toBeUndefined();
    await expect(storage.delete('never/existed.webm')).resolves.toBeUndefined();
  });

  it('streams a stored file, and rejects reading a missing key', async () => {
    const content = randomBytes(70_000);
    await storage.putFile('exports/read.mp4', await sourceFile('read.mp4', content), 'video/mp4');
    expectSameBytes(await buffer(await storage.read('exports/read.mp4')), content);
    await expect(storage.read('exports/absent.mp4')).rejects.toThrow(/ENOENT/);
  });

  it('gives a signed URL under the public URL that verifies for the key', async () => {
    const url = new URL(await storage.url('recordings/2025/06/call.webm'));
    expect(url.origin).toBe('http://media.test:8080');
    expect(url.pathname).toBe('/media/recordings/2025/06/call.webm');
    const exp = Number(url.searchParams.get('exp'));
    const nowSeconds = Math.floor(Date.now() / 1000);
    expect(exp - nowSeconds).toBeGreaterThan(890);
    expect(exp - nowSeconds).toBeLessThanOrEqual(900);
    const sig = url.searchParams.get('sig') ?? '';
    expect(verifyMediaSignature('recordings/2025/06/call.webm', exp, sig, signingSecret)).toBe('ok');
  });

  it('gives URLs the media route plays', async () => {
    const content = randomBytes(5000);
    await storage.putFile('recordings/played.webm', await sourceFile('played.webm', content), 'video/webm');
    const app = Fastify();
    await app.register(mediaRoutes, { mediaDir, signingSecret });
    try {
      const url = new URL(await storage.url('recordings/played.webm'));
      const response = await app.inject({ method: 'GET', url: url.pathname + url.search });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('video/webm');
      expectSameBytes(response.rawPayload, content);
    } finally {
      await app.close();
    }
  });

  it('stores a stream; a stream that errors half-way leaves nothing, not even a temp file', async () => {
    await expectPutStreamAllOrNothing(storage);
    expect((await readdir(join(mediaDir, 'uploads', 'r1'))).sort()).toEqual(['000.a']);
  });

  it('lists the keys under a prefix and deletes them all at once', async () => {
    await storage.putStream('uploads/r2/0.a', Readable.from([Buffer.from('a')]), 'video/webm');
    await storage.putStream('uploads/r2/1.b', Readable.from([Buffer.from('b')]), 'video/webm');
    await storage.putStream('uploads/r20/0.a', Readable.from([Buffer.from('c')]), 'video/webm');
    expect((await storage.list('uploads/r2/')).sort()).toEqual(['uploads/r2/0.a', 'uploads/r2/1.b']);
    await storage.deletePrefix('uploads/r2/');
    expect(await storage.list('uploads/r2/')).toEqual([]);
    expect(await storage.list('uploads/r20/')).toEqual(['uploads/r20/0.a']);
    await expect(storage.deletePrefix('uploads/none/')).resolves.toBeUndefined();
    await expect(storage.list('../')).rejects.toThrow(/invalid storage prefix/);
    await expect(storage.deletePrefix('uploads')).rejects.toThrow(/invalid storage prefix/);
  });

  it('rejects keys that are not storage keys in every operation', async () => {
    const source = await sourceFile('any.webm', randomBytes(10));
    for (const key of invalidKeys) {
      await expect(storage.putFile(key, source, 'video/webm'), key).rejects.toThrow(/invalid storage key/);
      await expect(storage.stat(key), key).rejects.toThrow(/invalid storage key/);
      await expect(storage.delete(key), key).rejects.toThrow(/invalid storage key/);
      await expect(storage.read(key), key).rejects.toThrow(/invalid storage key/);
      await expect(storage.url(key), key).rejects.toThrow(/invalid storage key/);
    }
    expect(await readdir(root)).not.toContain('escape.webm');
  });
});
