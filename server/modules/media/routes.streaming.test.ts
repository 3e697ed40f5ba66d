// The media route's bodies over a real socket: right bytes under concurrency, backpressure from slow
// clients, and no file left open when clients go away.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../test/until';
import mediaRoutes from './routes';
import { signedMediaUrl } from './signing';
import { expectSameBytes } from '../../test/media/storage-checks';

const signingSecret = 'media-streaming-test-secret';
const KEY = 'recordings/2025/08/long-call.webm';
// Several of the route's 1 MiB buffers, and not a multiple of them.
const content = randomBytes(9 * 1024 * 1024 + 12_345);
// More than loopback's socket buffers can hold, so that a client that stops reading stops the server.
const LARGE_KEY = 'recordings/2025/08/longer-call.webm';
const large = randomBytes(64 * 1024 * 1024);
let root: string;
let filePath: string;
let server: FastifyInstance;
let port: number;
let path: string;

/** Descriptors of this process open on the test file: the server runs in this process. */
async function openDescriptorsOfFile(): Promise<number> {
  let count = 0;
  for (const fd of await readdir('/proc/self/fd')) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    if (target === filePath) count++;
  }
  return count;
}

function open(headers: Record<string, string> = {}, key = KEY): Promise<IncomingMessage> {
  const url = new URL(signedMediaUrl({ publicUrl: 'http://x', key, ttlSeconds: 600, secret: signingSecret }));
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: url.pathname + url.search, headers, agent: false },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

async function body(response: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tapeline-media-streaming-'));
  filePath = join(root, KEY);
  await mkdir(join(root, 'recordings', '2025', '08'), { recursive: true });
  await writeFile(filePath, content);
  await writeFile(join(root, LARGE_KEY), large);
  server = Fastify();
  await server.register(mediaRoutes, { mediaDir: root, signingSecret });
  await server.listen({ port: 0, host: '127.0.0.1' });
  port = (server.server.address() as AddressInfo).port;
  const url = new URL(
    signedMediaUrl({ publicUrl: 'http://x', key: KEY, ttlSeconds: 600, secret: signingSecret }),
  );
  path = url.pathname + url.search;
});

afterAll(async () => {
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('media bodies over a socket', () => {
  it('many whole and ranged responses at once each get exactly their bytes', async () => {
    const ranges = Array.from({ length: 24 }, (_, index) => {
      const start = (index * 397_331) % (content.length - 3_000_000);
      return { start, end: start + 1 + ((index * 104_729) % 2_900_000) };
    });
    const answers = await Promise.all([
      ...ranges.map(async ({ start, end }) => {
        const response = await open({ range: `bytes=${start}-${end - 1}` });
        expect(response.statusCode).toBe(206);
        return { bytes: await body(response), expected: content.subarray(start, end) };
      }),
      ...[1, 2, 3].map(async () => {
        const response = await open();
        expect(response.statusCode).toBe(200);
        return { bytes: await body(response), expected: content };
      }),
    ]);
    for (const { bytes, expected } of answers) expectSameBytes(bytes, expected);
  });

  it('a client that stops reading holds the server back, and later gets every byte', async () => {
    const response = await open({}, LARGE_KEY);
    expect(response.statusCode).toBe(200);
    response.pause();
    // Once the socket buffers are full the server must wait for the client, not read the file on
    // into memory: what the client has received stops growing, short of the whole file.
    let last = -1;
    let unchanged = 0;
    await until(() => {
      const received = response.socket.bytesRead;
      unchanged = received === last ? unchanged + 1 : 0;
      last = received;
      return unchanged >= 10;
    });
    expect(response.socket.bytesRead).toBeLessThan(large.length / 2);
    expectSameBytes(await body(response), large);
  });

  it('a client that goes away mid-body leaves no descriptor of the file open', async () => {
    expect(await openDescriptorsOfFile()).toBe(0);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) => open(index % 2 ? { range: 'bytes=1000-' } : {})),
    );
    await Promise.all(
      responses.map(
        (response) =>
          new Promise<void>((resolve) =>
            response.once('data', () => {
              response.destroy();
              resolve();
            }),
          ),
      ),
    );
    await until(async () => (await openDescriptorsOfFile()) === 0);
    // And the server still serves.
    expectSameBytes(await body(await open({ range: 'bytes=0-99' })), content.subarray(0, 100));
  });

  it('HEAD and refused requests open nothing that stays open', async () => {
    const head = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, method: 'HEAD', agent: false }, resolve);
      req.on('error', reject);
      req.end();
    });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(content.length));
    await body(head);
    const conditions: Record<string, string>[] = [
      { 'if-none-match': '*' },
      { range: `bytes=${content.length}-` },
      { 'if-match': '"x"' },
    ];
    for (const headers of conditions) {
      await body(await open(headers));
    }
    await until(async () => (await openDescriptorsOfFile()) === 0);
  });
});
