import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedMediaUrl } from './modules/media/signing';
import { createTestApp, type TestContext } from './test/harness';

describe('the application shell', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp('pglite', { seed: false });
  });
  afterAll(() => ctx?.close());

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/objects',
        '/api/objects/{objectId}/activities',
        '/api/auth/login',
        '/api/me',
      ]),
    );
    const parameters = (
      document.paths['/api/objects/{objectId}/activities']!.get as { parameters: { name: string }[] }
    ).parameters;
    expect(parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['objectId', 'activityType', 'limit', 'cursor']),
    );
  });

  it('sends security headers', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/me' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
  });
});

describe('serving the SPA', () => {
  let ctx: TestContext;
  let webRoot: string;
  beforeAll(async () => {
    webRoot = await mkdtemp(join(tmpdir(), 'tapeline-web-'));
    await mkdir(join(webRoot, 'assets'));
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>Tapeline</title>');
    await writeFile(join(webRoot, 'assets', 'index-abc123.js'), 'console.log(1)');
    ctx = await createTestApp('pglite', { seed: false, webRoot });
  });
  afterAll(async () => {
    await ctx?.close();
    await rm(webRoot, { recursive: true, force: true });
  });

  it('answers client-side routes with index.html, revalidated on every visit', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/objects/100001/recordings/5000001?t=30',
      headers: { accept: 'text/html' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<title>Tapeline</title>');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('lets browsers keep hashed assets for good', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps answering unknown API paths with the JSON envelope', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/nope',
      headers: { accept: 'text/html' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ status: 404 });
  });
});

describe('the access log', () => {
  let ctx: TestContext;
  const lines: string[] = [];
  beforeAll(async () => {
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    ctx = await createTestApp('pglite', { seed: false, env: { LOG_LEVEL: 'info' }, logStream });
  });
  afterAll(() => ctx?.close());

  it('never carries a signed URL’s signature or a one-time link’s token', async () => {
    const media = new URL(
      signedMediaUrl({
        publicUrl: 'http://x',
        key: 'demo/a.webm',
        ttlSeconds: 60,
        secret: ctx.signingSecret,
      }),
    );
    const sig = media.searchParams.get('sig')!;
    await ctx.app.inject({ method: 'GET', url: media.pathname + media.search });
    await ctx.app.inject({ method: 'GET', url: '/setup/secret-setup-token-123' });
    const logged = lines.join('\n');
    expect(logged).toContain('/media/demo/a.webm');
    expect(logged).not.toContain(sig);
    expect(logged.split('\n').filter((l) => l.includes('secret-setup-token-123'))).toEqual([]);
  });

  it('keeps a client’s X-Request-Id only when it is a short plain token', async () => {
    const kept = await ctx.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    for (const hostile of ['a'.repeat(65), 'line\tbreak', '{"json":1}', '../etc']) {
      const replaced = await ctx.app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { 'x-request-id': hostile },
      });
      expect(replaced.headers['x-request-id']).not.toBe(hostile);
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(lines.join('\n')).not.toContain('{"json":1}');
  });
});
