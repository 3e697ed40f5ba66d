// Completing under stress: early, without a known size, twenty at once, with chunks that do not fit.
// Nothing a client does may lose a recording's bytes or assemble it more than once.
import { watch } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMediaFile } from '../media/probe';
import { createTestApp, databaseKinds, type TestContext } from '../../test/harness';
import {
  activityCount,
  apiKeys,
  completedEnvelope,
  DEMO_MP4,
  DEMO_WEBM,
  objectOf,
  recordingEnvelope,
  recordingsClient,
} from '../../test/recordings-client';

describe.each(databaseKinds())('completing a recording on %s', (kind) => {
  let ctx: TestContext;
  let client: ReturnType<typeof recordingsClient>;
  let agentObject: string;

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    client = recordingsClient(ctx, await apiKeys(ctx));
    agentObject = await objectOf(ctx, 'agent');
  });
  afterAll(() => ctx?.close());

  const offsetOf = async (id: string) =>
    recordingEnvelope.parse(
      (
        await ctx.app.inject({ method: 'GET', url: `/api/recordings/${id}`, headers: client.auth('admin') })
      ).json(),
    ).data.offset;

  it.each([
    ['an MP4', DEMO_MP4],
    ['a WebM', DEMO_WEBM],
  ])(
    'keeps %s completed too early, answers 409 with the offset, and completes it whole later',
    async (_n, path) => {
      const source = await readFile(path);
      const { id } = await client.createOk(agentObject, 'agent');
      expect((await client.put(id, source.subarray(0, 70_000), 0, '*')).statusCode).toBe(200);

      const early = await client.complete(id);
      expect(early.statusCode, early.body).toBe(409);
      expect(early.headers['upload-offset']).toBe('70000');
      expect(early.json().description).toMatch(/does not know its total size/);
      expect(await activityCount(ctx, id)).toBe(0);

      // The last chunk got lost: the client says the size, and the server says what it is missing.
      const short = await ctx.app.inject({
        method: 'POST',
        url: `/api/recordings/${id}/complete`,
        headers: client.auth('admin'),
        payload: { size: source.length },
      });
      expect(short.statusCode).toBe(409);
      expect(short.json().description).toMatch(new RegExp(`has 70000 of ${source.length} bytes`));
      expect(await offsetOf(id)).toBe(70_000);

      expect((await client.put(id, source.subarray(70_000), 70_000, source.length)).statusCode).toBe(200);
      const done = await client.complete(id);
      expect(done.statusCode, done.body).toBe(200);
      const { activity } = completedEnvelope.parse(done.json()).data;
      expect(activity.fileSize).toBeGreaterThanOrEqual(source.length - 4096);
      const whole = await probeMediaFile(path);
      expect(activity.duration).toBe(Math.round(whole.durationSeconds));
    },
  );

  it('completes with the size in the body when no chunk announced it', async () => {
    const source = await readFile(DEMO_MP4);
    const { id } = await client.createOk(agentObject, 'agent');
    expect((await client.put(id, source, 0, '*')).statusCode).toBe(200);
    const wrong = await ctx.app.inject({
      method: 'POST',
      url: `/api/recordings/${id}/complete`,
      headers: client.auth('admin'),
      payload: { size: source.length - 1 },
    });
    expect(wrong.statusCode).toBe(409);
    const done = await ctx.app.inject({
      method: 'POST',
      url: `/api/recordings/${id}/complete`,
      headers: client.auth('admin'),
      payload: { size: source.length },
    });
    expect(done.statusCode, done.body).toBe(200);
  });

  it('refuses a chunk beyond the announced total, and one that changes it', async () => {
    const source = await readFile(DEMO_MP4);
    const { id } = await client.createOk(agentObject, 'agent');
    expect((await client.put(id, source.subarray(0, 1000), 0, source.length)).statusCode).toBe(200);
    expect((await client.put(id, source.subarray(1000, 2000), 1000, source.length + 5)).statusCode).toBe(400);
    const past = await client.put(id, Buffer.alloc(10), source.length, '*');
    expect(past.statusCode).toBe(400);
    expect(await offsetOf(id)).toBe(1000);
  });

  it('answers a JSON or text body on an upload with 415 and stores nothing', async () => {
    const { id } = await client.createOk(agentObject, 'agent');
    for (const type of ['application/json', 'text/plain']) {
      const response = await ctx.app.inject({
        method: 'PUT',
        url: `/api/recordings/${id}/content`,
        headers: { ...client.auth('admin'), 'content-type': type, 'content-range': 'bytes 0-1/*' },
        payload: type === 'application/json' ? '{"a":1}' : 'hi',
      });
      expect(response.statusCode, response.body).toBe(415);
      expect(response.json().description).toMatch(/not a media type/);
    }
    expect(await offsetOf(id)).toBe(0);
  });

  it('assembles once when twenty completes arrive together: one scratch copy, one activity', async () => {
    const source = await readFile(DEMO_WEBM);
    const { id } = await client.createOk(agentObject, 'agent');
    await client.uploadAll(id, source, 3);
    const workRoot = join(ctx.dataDir, 'work');
    await mkdir(workRoot, { recursive: true });
    const scratch = new Set<string>();
    const watcher = watch(workRoot, (_event, name) => {
      if (name && name.includes(id)) scratch.add(name);
    });
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => client.complete(id)));
      expect(answers.map((answer) => answer.statusCode)).toEqual(Array(20).fill(200));
      const activities = new Set(
        answers.map((answer) => completedEnvelope.parse(answer.json()).data.activity.id),
      );
      expect(activities.size).toBe(1);
    } finally {
      watcher.close();
    }
    expect(await activityCount(ctx, id)).toBe(1);
    expect(scratch.size).toBe(1);
  });
});
