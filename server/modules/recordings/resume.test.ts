import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseKinds, type TestContext } from '../../test/harness';
import { until } from '../../test/until';
import {
  apiKeys,
  completedEnvelope,
  DEMO_MP4,
  objectOf,
  recordingsClient,
} from '../../test/recordings-client';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(databaseKinds())('resumable upload over a real socket on %s', (kind) => {
  let ctx: TestContext;
  let keys: Record<string, string>;
  let origin: string;

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    keys = await apiKeys(ctx);
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => ctx?.close());

  async function serverOffset(id: string) {
    const response = await fetch(`${origin}/api/recordings/${id}/content`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${keys.admin}` },
    });
    expect(response.status).toBe(200);
    return Number(response.headers.get('upload-offset'));
  }

  /** Files being written to the media storage: here, the chunk the server is still receiving. */
  async function chunksInFlight() {
    const dir = join(ctx.dataDir, 'media', '.incoming');
    return existsSync(dir) ? readdir(dir) : [];
  }

  it('discards a chunk cut off by a dropped connection; resending it from HEAD gives an identical file', async () => {
    const client = recordingsClient(ctx, keys);
    const source = await readFile(DEMO_MP4);
    const { id } = await client.createOk(await objectOf(ctx, 'agent'), 'agent');
    const half = Math.floor(source.length / 2);
    expect((await client.put(id, source.subarray(0, half), 0, '*')).statusCode).toBe(200);

    // The second chunk, announcing the whole file; half of it goes out, then the connection drops.
    const interrupted = httpRequest(`${origin}/api/recordings/${id}/content`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${keys.admin}`,
        'content-type': 'video/mp4',
        'content-length': String(source.length - half),
        'content-range': `bytes ${half}-${source.length - 1}/${source.length}`,
      },
    });
    interrupted.on('error', () => undefined);
    interrupted.write(source.subarray(half, half + Math.floor((source.length - half) / 2)));
    await until(async () => (await chunksInFlight()).length > 0);
    interrupted.destroy();
    await new Promise((resolve) => interrupted.once('close', resolve));
    // The server drops what it had of that chunk: resume granularity is the chunk.
    await until(async () => (await chunksInFlight()).length === 0);
    expect(await ctx.storage.list(`uploads/${id}/`)).toHaveLength(1);

    const offset = await serverOffset(id);
    expect(offset).toBe(half);
    const rest = await fetch(`${origin}/api/recordings/${id}/content`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${keys.admin}`,
        'content-type': 'application/octet-stream',
        'content-range': `bytes ${offset}-${source.length - 1}/${source.length}`,
      },
      body: source.subarray(offset),
    });
    expect(rest.status, await rest.clone().text()).toBe(200);
    expect(rest.headers.get('upload-offset')).toBe(String(source.length));

    const completed = await client.complete(id);
    expect(completed.statusCode, completed.body).toBe(200);
    const { activity } = completedEnvelope.parse(completed.json()).data;
    const key = decodeURIComponent(new URL(activity.recordingUrl).pathname.replace(/^\/media\//, ''));
    const stored = await readFile(join(ctx.dataDir, 'media', ...key.split('/')));
    expect(sha256(stored)).toBe(sha256(source));
    expect(activity.fileSize).toBe(source.length);
    expect(await ctx.storage.list(`uploads/${id}/`)).toEqual([]);
  });
});
