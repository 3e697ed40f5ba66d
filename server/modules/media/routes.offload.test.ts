// MEDIA_OFFLOAD=x-accel: the route checks the URL as always, then hands the sending to nginx.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mediaRoutes from './routes';
import { nowUnix, signedMediaUrl } from './signing';

const signingSecret = 'media-offload-test-secret';
const KEY = 'recordings/2025/09/call.mp4';
let root: string;
let app: FastifyInstance;

function mediaUrl(key = KEY, now?: number): string {
  return signedMediaUrl({ publicUrl: '', key, ttlSeconds: 600, secret: signingSecret, now });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tapeline-media-offload-'));
  await mkdir(join(root, 'recordings', '2025', '09'), { recursive: true });
  await writeFile(join(root, KEY), 'the bytes nginx will send');
  app = Fastify();
  await app.register(mediaRoutes, {
    mediaDir: root,
    signingSecret,
    offload: { mode: 'x-accel', prefix: '/_internal/media/' },
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('with MEDIA_OFFLOAD=x-accel', () => {
  it('a valid URL gets an empty answer that names the file for nginx, with its type and lifetime', async () => {
    for (const method of ['GET', 'HEAD'] as const) {
      const response = await app.inject({ method, url: mediaUrl(), headers: { range: 'bytes=0-3' } });
      expect(response.statusCode, method).toBe(200);
      expect(response.headers['x-accel-redirect']).toBe(`/_internal/media/${KEY}`);
      expect(response.headers['content-type']).toBe('video/mp4');
      expect(response.headers['cache-control']).toMatch(/^private, max-age=(59\d|600)$/);
      expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(response.rawPayload.length).toBe(0);
    }
  });

  it('refuses as before, without naming any file: altered, expired, malformed or escaping URLs', async () => {
    const url = mediaUrl();
    const sig = new URL(url, 'http://x').searchParams.get('sig') ?? '';
    const altered = `${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`;
    const refusals = [
      [url.replace(sig, altered), 403],
      [mediaUrl(KEY, nowUnix() - 3600), 403],
      [url.replace(/exp=/, 'exp=0'), 403],
      [`/media/${KEY}`, 403],
      [`/media/..%2fsecret?exp=1&sig=x`, 404],
    ] as const;
    for (const [refused, status] of refusals) {
      const response = await app.inject({ method: 'GET', url: refused });
      expect(response.statusCode, refused).toBe(status);
      expect(response.headers['x-accel-redirect'], refused).toBeUndefined();
    }
  });
});
