// S3 storage against a real S3 protocol server (s3rver from the global setup, SigV4 checked).
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { DEMO_MEDIA_DIR } from '../../demo/seed';
import { createTestBucket, S3_TEST_CREDENTIALS, S3_TEST_REGION } from '../../test/s3-server';
import { createS3Storage, directObjectUrl, type S3MediaStorage, type S3StorageOptions } from './s3-storage';
import { expectPutStreamAllOrNothing, expectSameBytes } from '../../test/media/storage-checks';
import { buffer } from 'node:stream/consumers';

const demoClip = join(DEMO_MEDIA_DIR, '02-password-reset.mp4');
const invalidKeys = ['../escape.webm', 'a/../../b.webm', '/abs.webm', 'a\\b.webm', '', '.tmp', 'a//b', 'a/'];

let root: string;
let baseOptions: S3StorageOptions;
const opened: S3MediaStorage[] = [];

function storageWith(overrides: Partial<S3StorageOptions> = {}): S3MediaStorage {
  const storage = createS3Storage({ ...baseOptions, ...overrides });
  opened.push(storage);
  return storage;
}

async function fetchRange(url: string, first: number, last: number) {
  const response = await fetch(url, { headers: { range: `bytes=${first}-${last}` } });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

/** When a presigned URL stops working: X-Amz-Date (UTC, basic ISO-8601) plus X-Amz-Expires seconds. */
function presignedExpiry(url: string): number {
  const params = new URL(url).searchParams;
  const date = params.get('X-Amz-Date') ?? '';
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  if (!match) throw new Error(`no X-Amz-Date in ${url}`);
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) + Number(params.get('X-Amz-Expires')) * 1000;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tapeline-s3-storage-'));
  baseOptions = {
    bucket: await createTestBucket(inject('s3Endpoint')),
    region: S3_TEST_REGION,
    endpoint: inject('s3Endpoint'),
    forcePathStyle: true,
    urlMode: 'presigned',
    urlTtlSeconds: 900,
    credentials: S3_TEST_CREDENTIALS,
  };
});

afterAll(async () => {
  for (const storage of opened) storage.close();
  await rm(root, { recursive: true, force: true });
});

describe('createS3Storage', () => {
  it('is the s3 kind and reaches its bucket', async () => {
    const storage = storageWith();
    expect(storage.kind).toBe('s3');
    await expect(storage.checkBucket()).resolves.toBeUndefined();
    await expect(storageWith({ bucket: 'no-such-bucket' }).checkBucket()).rejects.toThrow();
  });

  it('stores a demo clip: stat has its size, read gives its bytes, delete removes it', async () => {
    const storage = storageWith();
    const content = await readFile(demoClip);
    const before = Date.now();
    const stored = await storage.putFile('recordings/demo/clip.mp4', demoClip, 'video/mp4');

    expect(stored.size).toBe(content.length);
    // S3 keeps whole seconds.
    expect(stored.lastModified.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
    expect(await storage.stat('recordings/demo/clip.mp4')).toEqual(stored);
    expectSameBytes(await buffer(await storage.read('recordings/demo/clip.mp4')), content);

    await storage.delete('recordings/demo/clip.mp4');
    expect(await storage.stat('recordings/demo/clip.mp4')).toBeNull();
  });

  it('uploads a file larger than a part in parts, byte for byte', async () => {
    const storage = storageWith();
    const content = randomBytes(20 * 1024 * 1024 + 12_345);
    const source = join(root, 'large.webm');
    await writeFile(source, content);

    const stored = await storage.putFile('recordings/large.webm', source, 'video/webm');

    expect(stored.size).toBe(content.length);
    expectSameBytes(await buffer(await storage.read('recordings/large.webm')), content);
    // The last part, read through a presigned URL.
    const tail = await fetchRange(
      await storage.url('recordings/large.webm'),
      content.length - 100,
      content.length - 1,
    );
    expect(tail.status).toBe(206);
    expectSameBytes(tail.body, content.subarray(content.length - 100));
  });

  it('replaces an object stored under the same key', async () => {
    const storage = storageWith();
    const first = join(root, 'first.webm');
    const second = join(root, 'second.webm');
    await writeFile(first, randomBytes(1000));
    await writeFile(second, randomBytes(2000));
    await storage.putFile('recordings/replaced.webm', first, 'video/webm');
    const stored = await storage.putFile('recordings/replaced.webm', second, 'video/webm');
    expect(stored.size).toBe(2000);
    expectSameBytes(await buffer(await storage.read('recordings/replaced.webm')), await readFile(second));
  });

  it('answers a missing key: stat null, delete fine, read rejects', async () => {
    const storage = storageWith();
    expect(await storage.stat('recordings/missing.webm')).toBeNull();
    await expect(storage.delete('recordings/missing.webm')).resolves.toBeUndefined();
    await expect(storage.read('recordings/missing.webm')).rejects.toThrow();
  });

  it('rejects invalid keys in every operation, without calling S3', async () => {
    const storage = storageWith();
    for (const key of invalidKeys) {
      await expect(storage.putFile(key, demoClip, 'video/mp4'), key).rejects.toThrow(/invalid storage key/);
      await expect(storage.stat(key), key).rejects.toThrow(/invalid storage key/);
      await expect(storage.delete(key), key).rejects.toThrow(/invalid storage key/);
      await expect(storage.read(key), key).rejects.toThrow(/invalid storage key/);
      await expect(storage.url(key), key).rejects.toThrow(/invalid storage key/);
    }
  });

  it('fails a put of a missing source file and stores nothing', async () => {
    const storage = storageWith();
    await expect(
      storage.putFile('recordings/none.webm', join(root, 'none.webm'), 'video/webm'),
    ).rejects.toThrow();
    expect(await storage.stat('recordings/none.webm')).toBeNull();
  });

  it('stores a stream; a stream that errors half-way leaves no object', async () => {
    const storage = storageWith();
    await expectPutStreamAllOrNothing(storage);
    expect(await storage.list('uploads/r1/')).toEqual(['uploads/r1/000.a']);
  });

  it('lists the keys under a prefix and deletes them all at once', async () => {
    const storage = storageWith();
    for (const key of ['uploads/r2/0.a', 'uploads/r2/1.b', 'uploads/r20/0.a']) {
      await storage.putStream(key, Readable.from([Buffer.from(key)]), 'application/octet-stream');
    }
    expect((await storage.list('uploads/r2/')).sort()).toEqual(['uploads/r2/0.a', 'uploads/r2/1.b']);
    await storage.deletePrefix('uploads/r2/');
    expect(await storage.list('uploads/r2/')).toEqual([]);
    expect(await storage.list('uploads/r20/')).toEqual(['uploads/r20/0.a']);
    await expect(storage.list('../')).rejects.toThrow(/invalid storage prefix/);
  });
});

describe('presigned URLs', () => {
  let storage: S3MediaStorage;
  let content: Buffer;

  beforeAll(async () => {
    storage = storageWith({ urlMode: 'presigned', urlTtlSeconds: 900 });
    content = await readFile(demoClip);
    await storage.putFile('demo/02-password-reset.mp4', demoClip, 'video/mp4');
  });

  it('are absolute, signed for the configured lifetime, and serve byte ranges with the content type', async () => {
    const url = await storage.url('demo/02-password-reset.mp4');
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe(
      `${inject('s3Endpoint')}/${baseOptions.bucket}/demo/02-password-reset.mp4`,
    );
    expect(parsed.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(parsed.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(presignedExpiry(url)).toBeGreaterThan(Date.now() + 890_000);

    const response = await fetch(url, { headers: { range: 'bytes=0-99' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('content-range')).toBe(`bytes 0-99/${content.length}`);
    expectSameBytes(Buffer.from(await response.arrayBuffer()), content.subarray(0, 100));

    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expectSameBytes(Buffer.from(await whole.arrayBuffer()), content);
  });

  it('are refused when altered', async () => {
    const url = new URL(await storage.url('demo/02-password-reset.mp4'));
    const signature = url.searchParams.get('X-Amz-Signature')!;
    url.searchParams.set('X-Amz-Signature', (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1));
    expect((await fetchRange(url.toString(), 0, 99)).status).toBe(403);

    // Another key under the same signature is refused as well.
    const otherKey = new URL(await storage.url('demo/02-password-reset.mp4'));
    otherKey.pathname = otherKey.pathname.replace('02-password-reset', '03-delivery-delay');
    expect((await fetchRange(otherKey.toString(), 0, 99)).status).toBe(403);
  });

  it('are refused once expired', async () => {
    const shortLived = storageWith({ urlMode: 'presigned', urlTtlSeconds: 1 });
    const url = await shortLived.url('demo/02-password-reset.mp4');
    const expiry = presignedExpiry(url);
    expect((await fetchRange(url, 0, 99)).status).toBe(206);

    // Wait for the condition: the clock passing the expiry the store computes from the URL.
    await expect.poll(() => Date.now(), { timeout: 5_000, interval: 100 }).toBeGreaterThan(expiry);
    expect((await fetchRange(url, 0, 99)).status).toBe(403);
  });
});

describe('direct URLs', () => {
  it('are the plain object URL: path style on an endpoint, virtual-hosted on AWS', () => {
    expect(
      directObjectUrl(
        { bucket: 'media', region: 'eu-west-1', endpoint: 'http://minio:9000/', forcePathStyle: true },
        'recordings/a.webm',
      ),
    ).toBe('http://minio:9000/media/recordings/a.webm');
    expect(
      directObjectUrl(
        { bucket: 'media', region: 'eu-west-1', endpoint: 'https://r2.example.com', forcePathStyle: false },
        'recordings/a.webm',
      ),
    ).toBe('https://media.r2.example.com/recordings/a.webm');
    expect(
      directObjectUrl(
        { bucket: 'media', region: 'eu-west-1', endpoint: undefined, forcePathStyle: false },
        'recordings/a.webm',
      ),
    ).toBe('https://media.s3.eu-west-1.amazonaws.com/recordings/a.webm');
  });

  it('play from a bucket that allows anonymous reads (s3rver does; on AWS: a public bucket or a CDN)', async () => {
    const storage = storageWith({ urlMode: 'direct' });
    const content = await readFile(demoClip);
    await storage.putFile('demo/direct.mp4', demoClip, 'video/mp4');
    const url = await storage.url('demo/direct.mp4');

    expect(url).toBe(`${inject('s3Endpoint')}/${baseOptions.bucket}/demo/direct.mp4`);
    const range = await fetchRange(url, 100, 199);
    expect(range.status).toBe(206);
    expectSameBytes(range.body, content.subarray(100, 200));
  });
});
