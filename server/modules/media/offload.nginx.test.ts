// docs/nginx.conf, run for real: nginx in front of a Tapeline with MEDIA_OFFLOAD=x-accel, both on
// 127.0.0.1, the sample config templated only for this test's ports and data directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/free-port';
import { createTestApp, type TestContext } from '../../test/harness';
import { until } from '../../test/until';
import { nowUnix, signedMediaUrl } from './signing';
import { expectSameBytes } from '../../test/media/storage-checks';

const NGINX = '/usr/sbin/nginx';
const SAMPLE_CONFIG = join(import.meta.dirname, '../../../docs/nginx.conf');
const KEY = 'recordings/2025/10/call.webm';
const content = randomBytes(3 * 1024 * 1024 + 17);

let context: TestContext;
let nginx: ChildProcess | undefined;
let nginxDir: string;
let origin: string;

/** The sample's lines that name a place, each replaced exactly once (a changed sample fails here). */
function templated(sample: string, replacements: Record<string, string>): string {
  let config = sample;
  for (const [line, replacement] of Object.entries(replacements)) {
    const found = config.split(line).length - 1;
    if (found !== 1) throw new Error(`docs/nginx.conf should contain "${line}" once, found ${found}`);
    config = config.replace(line, replacement);
  }
  return config;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

beforeAll(async () => {
  if (!existsSync(NGINX)) {
    // CI installs it (npm test's system-deps step): a missing nginx is a failure, never a skip.
    throw new Error(
      `${NGINX} is missing: the offload test runs the sample config (apt-get install nginx-light)`,
    );
  }
  const nginxPort = await freePort();
  origin = `http://127.0.0.1:${nginxPort}`;
  context = await createTestApp('pglite', {
    seed: false,
    env: { MEDIA_OFFLOAD: 'x-accel', PUBLIC_URL: origin, TRUST_PROXY: '1' },
  });
  await context.app.listen({ port: 0, host: '127.0.0.1' });
  const tapelinePort = (context.app.server.address() as AddressInfo).port;
  const source = join(context.dataDir, 'call.webm');
  await writeFile(source, content);
  await context.storage.putFile(KEY, source, 'video/webm');

  nginxDir = await mkdtemp(join(tmpdir(), 'tapeline-nginx-'));
  await mkdir(join(nginxDir, 'temp'), { recursive: true });
  const server = templated(await readFile(SAMPLE_CONFIG, 'utf8'), {
    'listen 80;': `listen 127.0.0.1:${nginxPort};`,
    'proxy_pass http://127.0.0.1:8080;': `proxy_pass http://127.0.0.1:${tapelinePort};`,
    'alias /var/lib/tapeline/data/media/;': `alias ${join(context.dataDir, 'media')}/;`,
  });
  const temp = (kind: string) => `${kind}_temp_path ${join(nginxDir, 'temp', kind)};`;
  await writeFile(
    join(nginxDir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      // As root, nginx's workers would run as nobody, who cannot read the test's private temp dirs.
      process.getuid?.() === 0 ? 'user root;' : '',
      `pid ${join(nginxDir, 'nginx.pid')};`,
      `error_log ${join(nginxDir, 'error.log')} warn;`,
      'events { worker_connections 64; }',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${temp(kind)}`),
      server,
      '}',
    ].join('\n'),
  );
  nginx = spawn(
    NGINX,
    ['-p', nginxDir, '-c', join(nginxDir, 'nginx.conf'), '-e', join(nginxDir, 'error.log')],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  await until(async () => {
    if (nginx?.exitCode !== null) throw new Error(`nginx exited (${nginx?.exitCode}); see its error above`);
    return accepts(nginxPort);
  });
});

afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    const exited = once(nginx, 'exit');
    nginx.kill('SIGQUIT'); // graceful: the master waits for its worker
    await exited;
  }
  await context?.close();
  if (nginxDir) await rm(nginxDir, { recursive: true, force: true });
});

describe('nginx in front, with docs/nginx.conf', () => {
  it('plays a signed URL: the whole file, then ranges, sent by nginx with Tapeline’s headers', async () => {
    const url = await context.storage.url(KEY);
    expect(url.startsWith(`${origin}/media/`)).toBe(true);

    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/webm');
    expect(whole.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    expect(whole.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('etag')).toBeTruthy();
    expect(whole.headers.get('x-accel-redirect')).toBeNull();
    expectSameBytes(Buffer.from(await whole.arrayBuffer()), content);

    for (const [range, start, end] of [
      ['bytes=1000-1999', 1000, 2000],
      ['bytes=-500', content.length - 500, content.length],
      [`bytes=${content.length - 10}-`, content.length - 10, content.length],
    ] as const) {
      const ranged = await fetch(url, { headers: { range } });
      expect(ranged.status, range).toBe(206);
      expect(ranged.headers.get('content-range')).toBe(`bytes ${start}-${end - 1}/${content.length}`);
      expectSameBytes(Buffer.from(await ranged.arrayBuffer()), content.subarray(start, end));
    }

    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(content.length));
  });

  it('refuses altered and expired URLs with 403, from Tapeline', async () => {
    const url = new URL(await context.storage.url(KEY));
    const sig = url.searchParams.get('sig') ?? '';
    const altered = new URL(url);
    altered.searchParams.set('sig', `${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`);
    const longer = new URL(url);
    longer.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 3600));
    const expired = signedMediaUrl({
      publicUrl: origin,
      key: KEY,
      ttlSeconds: 60,
      secret: context.signingSecret,
      now: nowUnix() - 3600,
    });
    for (const refused of [altered.href, longer.href, expired, `${origin}/media/${KEY}`]) {
      const response = await fetch(refused);
      expect(response.status, refused).toBe(403);
      expect(Buffer.from(await response.arrayBuffer()).includes(content.subarray(0, 64))).toBe(false);
    }
  });

  it('keeps the internal location out of reach: a direct request gets 404', async () => {
    for (const path of [`/_tapeline_media/${KEY}`, '/_tapeline_media/', '/_tapeline_media/recordings/']) {
      const response = await fetch(`${origin}${path}`, { headers: { range: 'bytes=0-99' } });
      expect(response.status, path).toBe(404);
      expect(Buffer.from(await response.arrayBuffer()).includes(content.subarray(0, 64))).toBe(false);
    }
  });
});
