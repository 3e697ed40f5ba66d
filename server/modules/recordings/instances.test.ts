// Two instances behind a load balancer: an upload started on one continues and completes on the other.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseKinds, type TestContext, type TestInstance } from '../../test/harness';
import {
  activityCount,
  apiKeys,
  completedEnvelope,
  DEMO_MP4,
  objectOf,
  recordingsClient,
} from '../../test/recordings-client';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const setups = databaseKinds().flatMap((kind) =>
  (['local', 's3'] as const).map((storage) => [kind, storage] as const),
);

describe.each(setups)('two instances on %s with %s storage', (kind, storage) => {
  let ctx: TestContext;
  let second: TestInstance;
  let one: ReturnType<typeof recordingsClient>;
  let two: ReturnType<typeof recordingsClient>;
  let objectId: string;

  beforeAll(async () => {
    ctx = await createTestApp(kind, { storage });
    second = await ctx.anotherInstance();
    const keys = await apiKeys(ctx);
    one = recordingsClient(ctx, keys);
    two = recordingsClient({ ...ctx, app: second.app }, keys);
    objectId = await objectOf(ctx, 'agent');
  });
  afterAll(() => ctx?.close());

  const chunkObjects = (id: string) => ctx.storage.list(`uploads/${id}/`);

  it('continues an upload on the other instance and completes it on the first: one activity, same bytes', async () => {
    const source = await readFile(DEMO_MP4);
    const half = Math.floor(source.length / 2);
    const { id } = await one.createOk(objectId, 'agent');
    expect((await one.put(id, source.subarray(0, half), 0, '*')).statusCode).toBe(200);

    const head = await second.app.inject({
      method: 'HEAD',
      url: `/api/recordings/${id}/content`,
      headers: two.auth('admin'),
    });
    expect(head.headers['upload-offset']).toBe(String(half));
    const rest = await two.put(id, source.subarray(half), half, source.length);
    expect(rest.statusCode, rest.body).toBe(200);
    expect(rest.headers['upload-offset']).toBe(String(source.length));
    expect(await chunkObjects(id)).toHaveLength(2);

    const completed = await one.complete(id);
    expect(completed.statusCode, completed.body).toBe(200);
    const { activity } = completedEnvelope.parse(completed.json()).data;
    expect(activity.fileSize).toBe(source.length);
    expect(await activityCount(ctx, id)).toBe(1);
    const { rows } = await ctx.db.query<{ storage_key: string }>(
      'select storage_key from recordings where id = $1',
      [id],
    );
    const stored = await buffer(await ctx.storage.read(rows[0]!.storage_key));
    expect(sha256(stored)).toBe(sha256(source));

    expect(await chunkObjects(id)).toEqual([]);
    const { rows: chunkRows } = await ctx.db.query('select 1 from recording_chunks where recording_id = $1', [
      id,
    ]);
    expect(chunkRows).toEqual([]);
    // The other instance answers with the same activity.
    expect(completedEnvelope.parse((await two.complete(id)).json()).data.activity.id).toBe(activity.id);
  });

  it('takes one of two chunks sent at the same offset to both instances; the other gets 409 with the offset', async () => {
    const source = await readFile(DEMO_MP4);
    const { id } = await one.createOk(objectId, 'agent');
    const first = source.subarray(0, 40_000);
    const responses = await Promise.all([one.put(id, first, 0, '*'), two.put(id, first, 0, '*')]);
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = responses.find((response) => response.statusCode === 409)!;
    expect(loser.headers['upload-offset']).toBe(String(first.length));
    expect(await chunkObjects(id)).toHaveLength(1);

    expect((await two.put(id, source.subarray(first.length), first.length, source.length)).statusCode).toBe(
      200,
    );
    const completed = await two.complete(id);
    expect(completed.statusCode, completed.body).toBe(200);
    expect(completedEnvelope.parse(completed.json()).data.activity.fileSize).toBe(source.length);
  });
});
