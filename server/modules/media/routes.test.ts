import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mediaRoutes from './routes';
import { nowUnix, signMediaPath, signedMediaUrl } from './signing';
import { expectSameBytes } from '../../test/media/storage-checks';

const FFMPEG = '/usr/bin/ffmpeg';
const signingSecret = 'media-routes-test-secret';
const SECRET_TEXT = 'TOP-SECRET-do-not-serve-4f9a2c';
const WEBM_KEY = 'recordings/2025/06/call.webm';
const MP4_KEY = 'recordings/2025/06/call.mp4';

let root: string;
let mediaDir: string;
let webm: Buffer;
let mp4: Buffer;
let app: FastifyInstance;

const runFile = promisify(execFile);

async function ffmpeg(args: string[]): Promise<void> {
  await runFile(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
}

/** A path-only signed URL, as `inject` wants it. */
function mediaUrl(key: string, options: { ttlSeconds?: number; now?: number } = {}): string {
  const { ttlSeconds = 600, now } = options;
  return signedMediaUrl({ publicUrl: '', key, ttlSeconds, secret: signingSecret, now });
}

function signatureOf(url: string): string {
  return new URL(url, 'http://x').searchParams.get('sig') ?? '';
}

function get(url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers });
}

beforeAll(async () => {
  if (!existsSync(FFMPEG)) {
    throw new Error(
      `${FFMPEG} is missing: the media route tests serve a real video made by ffmpeg (apt install ffmpeg)`,
    );
  }
  root = await mkdtemp(join(tmpdir(), 'tapeline-media-routes-'));
  mediaDir = join(root, 'media');
  await mkdir(join(mediaDir, 'recordings', '2025', '06'), { recursive: true });
  // Beside mediaDir, where a path escaping it would land.
  await writeFile(join(root, 'secret.txt'), SECRET_TEXT);
  await writeFile(join(root, 'media-secret.txt'), SECRET_TEXT);

  const lavfi = ['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=15', '-f', 'lavfi', '-i', 'sine'];
  await ffmpeg([...lavfi, '-t', '5', '-c:v', 'libvpx', '-c:a', 'libopus', join(mediaDir, WEBM_KEY)]);
  await ffmpeg([...lavfi, '-t', '2', '-c:v', 'mpeg4', '-c:a', 'aac', join(mediaDir, MP4_KEY)]);
  webm = await readFile(join(mediaDir, WEBM_KEY));
  mp4 = await readFile(join(mediaDir, MP4_KEY));
  expect(webm.length).toBeGreaterThan(10_000);

  app = Fastify();
  await app.register(mediaRoutes, { mediaDir, signingSecret });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('GET /media/<key> serves the file', () => {
  it('whole, with type, length, validators, a cache lifetime bounded by the URL and a cross-origin CORP', async () => {
    const response = await get(mediaUrl(WEBM_KEY, { ttlSeconds: 600 }));

    expect(response.statusCode).toBe(200);
    expectSameBytes(response.rawPayload, webm);
    expect(response.headers['content-type']).toBe('video/webm');
    expect(response.headers['content-length']).toBe(String(webm.length));
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(response.headers['etag']).toMatch(/^(W\/)?"[^"]+"$/);
    expect(Date.parse(String(response.headers['last-modified']))).not.toBeNaN();
    const maxAge = Number(/^private, max-age=(\d+)$/.exec(String(response.headers['cache-control']))?.[1]);
    expect(maxAge).toBeGreaterThan(590);
    expect(maxAge).toBeLessThanOrEqual(600);
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it('with the content type of the key: video/webm and video/mp4', async () => {
    const webmResponse = await get(mediaUrl(WEBM_KEY));
    const mp4Response = await get(mediaUrl(MP4_KEY));
    expect(webmResponse.headers['content-type']).toBe('video/webm');
    expect(mp4Response.statusCode).toBe(200);
    expect(mp4Response.headers['content-type']).toBe('video/mp4');
    expectSameBytes(mp4Response.rawPayload, mp4);
  });

  it('Range: bytes=0-99 → 206 with exactly those 100 bytes', async () => {
    const response = await get(mediaUrl(WEBM_KEY), { range: 'bytes=0-99' });
    expect(response.statusCode).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes 0-99/${webm.length}`);
    expect(response.headers['content-length']).toBe('100');
    expect(response.headers['content-type']).toBe('video/webm');
    expectSameBytes(response.rawPayload, webm.subarray(0, 100));
  });

  it('a suffix range: the last 500 bytes', async () => {
    const response = await get(mediaUrl(WEBM_KEY), { range: 'bytes=-500' });
    expect(response.statusCode).toBe(206);
    expect(response.headers['content-range']).toBe(
      `bytes ${webm.length - 500}-${webm.length - 1}/${webm.length}`,
    );
    expectSameBytes(response.rawPayload, webm.subarray(webm.length - 500));
  });

  it('an open-ended range: from byte 100 to the end', async () => {
    const response = await get(mediaUrl(WEBM_KEY), { range: 'bytes=100-' });
    expect(response.statusCode).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes 100-${webm.length - 1}/${webm.length}`);
    expectSameBytes(response.rawPayload, webm.subarray(100));
  });

  it('a range running past the end is cut at the end', async () => {
    const response = await get(mediaUrl(WEBM_KEY), {
      range: `bytes=${webm.length - 10}-${webm.length + 1000}`,
    });
    expect(response.statusCode).toBe(206);
    expectSameBytes(response.rawPayload, webm.subarray(webm.length - 10));
  });

  it('an unsatisfiable range → 416 with Content-Range: bytes */size', async () => {
    const response = await get(mediaUrl(WEBM_KEY), { range: `bytes=${webm.length}-` });
    expect(response.statusCode).toBe(416);
    expect(response.headers['content-range']).toBe(`bytes */${webm.length}`);
    expect(response.body).not.toContain(SECRET_TEXT);
  });

  it('several disjoint ranges → the whole file with 200 (documented: no multipart/byteranges)', async () => {
    const response = await get(mediaUrl(WEBM_KEY), { range: 'bytes=0-9,1000-1009' });
    expect(response.statusCode).toBe(200);
    expectSameBytes(response.rawPayload, webm);
  });

  it('HEAD → the headers of a GET, Content-Length included, and no body', async () => {
    const response = await app.inject({ method: 'HEAD', url: mediaUrl(WEBM_KEY) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-length']).toBe(String(webm.length));
    expect(response.headers['content-type']).toBe('video/webm');
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(response.headers['etag']).toBeDefined();
    expect(response.rawPayload.length).toBe(0);

    const ranged = await app.inject({
      method: 'HEAD',
      url: mediaUrl(WEBM_KEY),
      headers: { range: 'bytes=0-99' },
    });
    expect(ranged.statusCode).toBe(206);
    expect(ranged.headers['content-length']).toBe('100');
    expect(ranged.rawPayload.length).toBe(0);
  });

  it('If-None-Match with the ETag → 304 without a body; another ETag → 200', async () => {
    const first = await get(mediaUrl(WEBM_KEY));
    const etag = String(first.headers['etag']);

    const revalidated = await get(mediaUrl(WEBM_KEY), { 'if-none-match': etag });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.rawPayload.length).toBe(0);
    expect(revalidated.headers['etag']).toBe(etag);
    expect(revalidated.headers['cache-control']).toMatch(/^private, max-age=\d+$/);

    const changed = await get(mediaUrl(WEBM_KEY), { 'if-none-match': '"something-else"' });
    expect(changed.statusCode).toBe(200);
  });

  it('If-Range: the range while the file is unchanged, the whole file once it is not', async () => {
    const first = await get(mediaUrl(WEBM_KEY));
    const etag = String(first.headers['etag']);
    const lastModified = String(first.headers['last-modified']);

    const sameEtag = await get(mediaUrl(WEBM_KEY), { range: 'bytes=0-99', 'if-range': etag });
    expect(sameEtag.statusCode).toBe(206);
    const sameDate = await get(mediaUrl(WEBM_KEY), { range: 'bytes=0-99', 'if-range': lastModified });
    expect(sameDate.statusCode).toBe(206);

    const staleEtag = await get(mediaUrl(WEBM_KEY), { range: 'bytes=0-99', 'if-range': '"stale"' });
    expect(staleEtag.statusCode).toBe(200);
    expectSameBytes(staleEtag.rawPayload, webm);
    const staleDate = await get(mediaUrl(WEBM_KEY), {
      range: 'bytes=0-99',
      'if-range': new Date(Date.parse(lastModified) - 60_000).toUTCString(),
    });
    expect(staleDate.statusCode).toBe(200);
  });
});

describe('GET /media/<key> refuses', () => {
  it('an expired URL → 403', async () => {
    const response = await get(mediaUrl(WEBM_KEY, { now: nowUnix() - 3600, ttlSeconds: 60 }));
    expect(response.statusCode).toBe(403);
    expect(response.body).toMatch(/expired/);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('a signature with any one character changed → 403', async () => {
    const url = mediaUrl(WEBM_KEY);
    const sig = signatureOf(url);
    for (let index = 0; index < sig.length; index++) {
      const changed = sig.slice(0, index) + (sig[index] === 'A' ? 'B' : 'A') + sig.slice(index + 1);
      const response = await get(url.replace(`sig=${sig}`, `sig=${changed}`));
      expect(response.statusCode, `signature changed at ${index}`).toBe(403);
      expect(response.rawPayload.includes(webm.subarray(0, 64))).toBe(false);
    }
  });

  it('a key changed under the valid signature of another key → 403', async () => {
    const url = mediaUrl(WEBM_KEY);
    const response = await get(url.replace(WEBM_KEY, MP4_KEY));
    expect(response.statusCode).toBe(403);
    expect(response.body).toMatch(/invalid/);
  });

  it('a lengthened expiry under the original signature → 403', async () => {
    const url = new URL(mediaUrl(WEBM_KEY, { ttlSeconds: 60 }), 'http://x');
    url.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 86_400));
    const response = await get(url.pathname + url.search);
    expect(response.statusCode).toBe(403);
  });

  it('missing or malformed exp and sig → 403, never 500', async () => {
    const sig = signatureOf(mediaUrl(WEBM_KEY));
    const exp = String(nowUnix() + 600);
    const queries = [
      '',
      `?exp=${exp}`,
      `?sig=${sig}`,
      `?exp=soon&sig=${sig}`,
      `?exp=-1&sig=${sig}`,
      `?exp=1e12&sig=${sig}`,
      `?exp=${exp}&sig=short`,
      `?exp=${exp}&sig=${sig}%3D`,
      `?exp=${exp}&exp=${exp}&sig=${sig}`,
      `?exp=${exp}&sig=${sig}&sig=${sig}`,
      `?exp=99999999999999999999&sig=${sig}`,
    ];
    for (const query of queries) {
      const response = await get(`/media/${WEBM_KEY}${query}`);
      expect(response.statusCode, query).toBe(403);
    }
  });

  it('a missing file or a folder, even with a valid signature → 404', async () => {
    expect((await get(mediaUrl('recordings/2025/06/absent.webm'))).statusCode).toBe(404);
    expect((await get(mediaUrl('recordings/2025/06/call.webm/inside'))).statusCode).toBe(404);
    expect((await get(mediaUrl('recordings/2025'))).statusCode).toBe(404);
  });

  it('keys that would leave the media folder, raw or percent-encoded, even when validly signed → 404', async () => {
    const escapes = [
      '../secret.txt',
      'recordings/../../secret.txt',
      '%2e%2e/secret.txt',
      '%2E%2E%2Fsecret.txt',
      '..%2fsecret.txt',
      '..%5csecret.txt',
      '%2e%2e%5csecret.txt',
      '%252e%252e%252fsecret.txt',
      '%2fetc%2fpasswd',
      '/etc/passwd',
      '..\\secret.txt',
      '..',
      '.',
      '../media-secret.txt',
      'recordings/2025/06/call.webm%00.txt',
      'recordings%2f..%2f..%2fsecret.txt',
    ];
    const exp = nowUnix() + 600;
    for (const escape of escapes) {
      // Signed for exactly the key the server sees, so only the key checks stand in the way.
      const sig = signMediaPath(decodeURIComponent(escape), exp, signingSecret);
      const response = await get(`/media/${escape}?exp=${exp}&sig=${sig}`);
      expect(response.statusCode, escape).toBe(404);
      expect(response.body, escape).not.toContain(SECRET_TEXT);
      expect(response.body, escape).not.toContain('root:');
    }
  });

  it('malformed percent-encoding → 400 from the router, before the route runs', async () => {
    const exp = nowUnix() + 600;
    for (const malformed of ['%c0%ae%c0%ae/secret.txt', '%zz/secret.txt', 'recordings/%']) {
      const sig = signMediaPath(malformed, exp, signingSecret);
      const response = await get(`/media/${malformed}?exp=${exp}&sig=${sig}`);
      expect(response.statusCode, malformed).toBe(400);
      expect(response.body, malformed).not.toContain(SECRET_TEXT);
    }
  });

  it('property: arbitrary paths, queries and ranges never get a 5xx, nor a byte of a file outside mediaDir', async () => {
    const exp = nowUnix() + 600;
    const validSig = signatureOf(mediaUrl(WEBM_KEY));
    const pathToken = fc.constantFrom(
      '..',
      '.',
      '/',
      '//',
      '\\',
      '%',
      '%2e',
      '%2E',
      '%2f',
      '%2F',
      '%5c',
      '%00',
      '%25',
      '%c0%ae',
      '%zz',
      '\u0000',
      ' ',
      '~',
      ';',
      '#',
      'é',
      'secret.txt',
      'media-secret.txt',
      'media',
      'recordings',
      '2025',
      '06',
      'call.webm',
      'call.mp4',
      WEBM_KEY,
      MP4_KEY,
      'etc',
      'passwd',
      'a',
    );
    const path = fc.oneof(
      fc.array(pathToken, { maxLength: 12 }).map((tokens) => tokens.join('')),
      fc.string({ maxLength: 40 }),
      fc.constantFrom(WEBM_KEY, MP4_KEY),
    );
    const queryValue = fc.oneof(
      fc.constant(String(exp)),
      fc.constant(validSig),
      fc.string({ maxLength: 50 }),
      fc.integer().map(String),
    );
    const query = fc.oneof(
      fc.tuple(queryValue, queryValue).map(([e, s]) => `exp=${e}&sig=${s}`),
      fc
        .array(fc.tuple(fc.constantFrom('exp', 'sig', 'x', 'exp[]', ''), queryValue), { maxLength: 4 })
        .map((pairs) => pairs.map(([name, value]) => `${name}=${value}`).join('&')),
      fc.string({ maxLength: 60 }),
    );
    const range = fc.option(
      fc.oneof(
        fc
          .tuple(
            fc.integer({ min: -10, max: 2 * webm.length }),
            fc.integer({ min: -10, max: 2 * webm.length }),
          )
          .map(([start, end]) => `bytes=${start}-${end}`),
        fc.string({ maxLength: 20 }).map((text) => `bytes=${text}`),
      ),
      { nil: undefined },
    );
    const method = fc.constantFrom<'GET' | 'HEAD'>('GET', 'HEAD');
    const statuses = new Map<number, number>();

    await fc.assert(
      fc.asyncProperty(
        path,
        query,
        fc.boolean(),
        range,
        method,
        async (rawPath, rawQuery, sign, rangeHeader, verb) => {
          // Half the time, sign exactly the key the server would see: the path checks must hold on their own.
          let search = rawQuery;
          if (sign) {
            let decoded = rawPath;
            try {
              decoded = decodeURIComponent(rawPath);
            } catch {
              // malformed encoding: the router answers 400 before any key is seen
            }
            search = `exp=${exp}&sig=${signMediaPath(decoded, exp, signingSecret)}`;
          }
          const url = `/media/${rawPath.replaceAll('?', '%3F')}?${search}`;
          const headers = rangeHeader === undefined ? {} : { range: rangeHeader };
          const response = await app.inject({ method: verb, url, headers });
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);

          expect(response.statusCode, url).toBeLessThan(500);
          expect(response.body, url).not.toContain(SECRET_TEXT);
          expect(response.body, url).not.toContain('root:x:0');
          if (response.statusCode === 200 || response.statusCode === 206) {
            // Whatever comes back is a piece of a file that is inside mediaDir.
            const body = response.rawPayload;
            expect(webm.includes(body) || mp4.includes(body), url).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
    // The generators reach both sides: refusals and real media.
    expect(statuses.get(404)).toBeGreaterThan(0);
    expect(statuses.get(403)).toBeGreaterThan(0);
    expect((statuses.get(200) ?? 0) + (statuses.get(206) ?? 0)).toBeGreaterThan(0);
  });
});

describe('behind the helmet headers the app adds', () => {
  it('still plays, with a Cross-Origin-Resource-Policy that lets a SPA on another origin load it', async () => {
    const helmeted = Fastify();
    await helmeted.register(helmet);
    await helmeted.register(mediaRoutes, { mediaDir, signingSecret });
    try {
      const response = await helmeted.inject({
        method: 'GET',
        url: mediaUrl(WEBM_KEY),
        headers: { range: 'bytes=0-99' },
      });
      expect(response.statusCode).toBe(206);
      expectSameBytes(response.rawPayload, webm.subarray(0, 100));
      expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-type']).toBe('video/webm');

      const refused = await helmeted.inject({ method: 'GET', url: `/media/${WEBM_KEY}` });
      expect(refused.statusCode).toBe(403);
    } finally {
      await helmeted.close();
    }
  });
});

describe('over a real socket', () => {
  let server: FastifyInstance;
  let origin: string;

  beforeAll(async () => {
    server = Fastify();
    await server.register(mediaRoutes, { mediaDir, signingSecret });
    await server.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await server?.close();
  });

  it('streams the whole file and a range to fetch', async () => {
    const url = signedMediaUrl({ publicUrl: origin, key: WEBM_KEY, ttlSeconds: 600, secret: signingSecret });

    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/webm');
    expectSameBytes(Buffer.from(await whole.arrayBuffer()), webm);

    const ranged = await fetch(url, { headers: { range: 'bytes=1000-1999' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 1000-1999/${webm.length}`);
    expectSameBytes(Buffer.from(await ranged.arrayBuffer()), webm.subarray(1000, 2000));

    const expired = await fetch(
      signedMediaUrl({ publicUrl: origin, key: WEBM_KEY, ttlSeconds: 1, secret: signingSecret, now: 1000 }),
    );
    expect(expired.status).toBe(403);
  });

  it('refuses a raw ../ path sent as-is (fetch would normalise it away)', async () => {
    const exp = nowUnix() + 600;
    const sig = signMediaPath('../secret.txt', exp, signingSecret);
    const { port } = new URL(origin);
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        { host: '127.0.0.1', port, path: `/media/../secret.txt?exp=${exp}&sig=${sig}` },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        },
      );
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(404);
    expect(body).not.toContain(SECRET_TEXT);
  });
});
