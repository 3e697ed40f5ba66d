import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordingActivitySchema } from '../../../contract/activities';
import { errorEnvelopeSchema, pagedEnvelopeSchema } from '../../../contract/envelope';
import { probeMediaFile } from '../media/probe';
import { createTestApp, databaseKinds, signIn, type TestContext } from '../../test/harness';
import { sweepAbandonedUploads } from './cleanup';
import {
  activityCount,
  apiKeys,
  completedEnvelope,
  DEMO_MP4,
  DEMO_WEBM,
  liveWebm,
  objectOf,
  recordingEnvelope,
  recordingsClient,
} from '../../test/recordings-client';
import { uploadStore } from './uploads';

const recordingsEnvelope = pagedEnvelopeSchema(recordingActivitySchema);

async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe.each(databaseKinds())('recording lifecycle on %s', (kind) => {
  let ctx: TestContext;
  let keys: Record<string, string>;
  let client: ReturnType<typeof recordingsClient>;
  let fixtures: string;
  let agentObject: string;
  let agent2Object: string;

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    keys = await apiKeys(ctx);
    client = recordingsClient(ctx, keys);
    fixtures = await mkdtemp(join(tmpdir(), 'tapeline-fixtures-'));
    agentObject = await objectOf(ctx, 'agent');
    agent2Object = await objectOf(ctx, 'agent2');
  });
  afterAll(async () => {
    await ctx?.close();
    if (fixtures) await rm(fixtures, { recursive: true, force: true });
  });

  const storedRecordings = () => filesUnder(join(ctx.dataDir, 'media', 'recordings'));
  /** What an upload in progress holds: chunk rows in the database and chunk objects in the storage. */
  async function uploadHeld(id: string) {
    const { rows } = await ctx.db.query<{ count: number }>(
      'select count(*)::int as count from recording_chunks where recording_id = $1',
      [id],
    );
    return { rows: rows[0]!.count, objects: (await ctx.storage.list(`uploads/${id}/`)).length };
  }
  const nothingHeld = { rows: 0, objects: 0 };

  it('creates, uploads in chunks and completes into exactly one measured, playable activity', async () => {
    const source = await liveWebm(fixtures, 3);
    const created = await client.createOk(agentObject, 'agent');
    expect(created).toMatchObject({
      status: 'recording',
      offset: 0,
      objectId: agentObject,
      activityId: null,
    });
    expect(created.uploadUrl).toBe(`${ctx.config.publicUrl}/api/recordings/${created.id}/content`);

    await client.uploadAll(created.id, await readFile(source), 4);
    const response = await client.complete(created.id);
    expect(response.statusCode, response.body).toBe(200);
    const { recording, activity } = completedEnvelope.parse(response.json()).data;
    expect(recording).toMatchObject({ status: 'completed', activityId: activity.id, offset: null });

    const list = await ctx.app.inject({
      method: 'GET',
      url: `/api/objects/${agentObject}/activities?activityType=27`,
      headers: client.auth('admin'),
    });
    const mine = recordingsEnvelope.parse(list.json()).data.filter((a) => a.id === activity.id);
    expect(mine).toHaveLength(1);
    const url = new URL(mine[0]!.recordingUrl);
    const key = decodeURIComponent(url.pathname.replace(/^\/media\//, ''));
    expect(key).toMatch(new RegExp(`^recordings/\\d{4}/\\d{2}/${created.id}\\.webm$`));
    const storedPath = join(ctx.dataDir, 'media', ...key.split('/'));
    const stored = await probeMediaFile(storedPath);
    expect(mine[0]).toMatchObject({
      duration: Math.round(stored.durationSeconds),
      fileSize: (await stat(storedPath)).size,
      user: { first_name: 'Dana' },
    });
    expect(mine[0]!.duration).toBe(3);
    expect(await uploadHeld(created.id)).toEqual(nothingHeld);

    const ranged = await ctx.app.inject({
      method: 'GET',
      url: url.pathname + url.search,
      headers: { range: 'bytes=100-1099' },
    });
    expect(ranged.statusCode).toBe(206);
    expect(ranged.rawPayload.length).toBe(1000);
    expect(await activityCount(ctx, created.id)).toBe(1);

    // Completing again answers with the same activity.
    const again = completedEnvelope.parse((await client.complete(created.id)).json()).data;
    expect(again.activity.id).toBe(activity.id);
  });

  it('answers a chunk at the wrong offset with 409 naming the right one', async () => {
    const bytes = await readFile(DEMO_MP4);
    const { id } = await client.createOk(agentObject, 'agent');
    expect((await client.put(id, bytes.subarray(0, 1000), 0, '*')).statusCode).toBe(200);
    const wrong = await client.put(id, bytes.subarray(2000, 3000), 2000, '*');
    expect(wrong.statusCode).toBe(409);
    expect(wrong.headers['upload-offset']).toBe('1000');
    expect(errorEnvelopeSchema.parse(wrong.json()).description).toMatch(/send from byte 1000/);
    const head = await ctx.app.inject({
      method: 'HEAD',
      url: `/api/recordings/${id}/content`,
      headers: client.auth('admin'),
    });
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-offset']).toBe('1000');
    expect(head.headers.range).toBe('bytes=0-999');
  });

  it('rejects malformed Content-Range, oversized uploads and bad ids with a 4xx naming the problem', async () => {
    const { id } = await client.createOk(agentObject, 'agent');
    const malformed = await ctx.app.inject({
      method: 'PUT',
      url: `/api/recordings/${id}/content`,
      headers: { ...client.auth('admin'), 'content-type': 'application/octet-stream', 'content-range': 'x' },
      payload: Buffer.from('abc'),
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().description).toMatch(/^Content-Range/);
    const tooBig = await client.put(id, Buffer.from('abc'), 0, 30 * 1024 ** 3);
    expect(tooBig.statusCode).toBe(413);
    const badId = await client.complete('not-a-uuid');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().description).toMatch(/id/);
    const badBody = await client.create(agentObject, '');
    expect(badBody.statusCode).toBe(400);
    expect(badBody.json().description).toMatch(/agent/);
    const unknownAgent = await client.create(agentObject, 'nobody');
    expect(unknownAgent.statusCode).toBe(400);
    expect(unknownAgent.json().description).toMatch(/agent: there is no active user "nobody"/);
  });

  it('completes exactly once under 20 concurrent calls, all answering with the same activity', async () => {
    const { id } = await client.createOk(agentObject, 'agent');
    await client.uploadAll(id, await readFile(DEMO_WEBM), 2);
    const responses = await Promise.all(Array.from({ length: 20 }, () => client.complete(id)));
    const ids = responses.map((response) => {
      expect(response.statusCode, response.body).toBe(200);
      return completedEnvelope.parse(response.json()).data.activity.id;
    });
    expect(new Set(ids).size).toBe(1);
    expect(await activityCount(ctx, id)).toBe(1);
  });

  it('fails a recording: no activity, no chunks left, nothing stored; complete afterwards is 409', async () => {
    const before = await storedRecordings();
    const { id } = await client.createOk(agentObject, 'agent');
    await client.uploadAll(id, (await readFile(DEMO_WEBM)).subarray(0, 50_000), 1);
    expect(await uploadHeld(id)).toEqual({ rows: 1, objects: 1 });
    const failed = await client.fail(id, 'the customer hung up');
    expect(failed.statusCode, failed.body).toBe(200);
    expect(recordingEnvelope.parse(failed.json()).data).toMatchObject({
      status: 'failed',
      failureReason: 'the customer hung up',
    });
    expect(await uploadHeld(id)).toEqual(nothingHeld);
    const complete = await client.complete(id);
    expect(complete.statusCode).toBe(409);
    expect(complete.json().description).toMatch(/failed \(the customer hung up\)/);
    expect(await activityCount(ctx, id)).toBe(0);
    expect(await storedRecordings()).toEqual(before);

    const { id: done } = await client.createOk(agentObject, 'agent');
    await client.uploadAll(done, await readFile(DEMO_MP4), 1);
    expect((await client.complete(done)).statusCode).toBe(200);
    expect((await client.fail(done, 'too late')).statusCode).toBe(409);
    expect((await client.fail(id, '')).statusCode).toBe(400);
  });

  it.each([
    [
      'a text file named .webm',
      async () => Buffer.from('hello, this is not a video\n'.repeat(40)),
      /not a playable recording/,
    ],
    ['a truncated WebM', async () => (await readFile(DEMO_WEBM)).subarray(0, 3000), /truncated/],
  ])('answers %s with 422 and why; the upload is kept until it is failed', async (_name, bytes, why) => {
    const before = await storedRecordings();
    const { id } = await client.createOk(agentObject, 'agent');
    const upload = await bytes();
    await client.uploadAll(id, upload, 1);
    const response = await client.complete(id);
    expect(response.statusCode, response.body).toBe(422);
    expect(errorEnvelopeSchema.parse(response.json()).description).toMatch(why);
    expect(await storedRecordings()).toEqual(before);
    expect(await activityCount(ctx, id)).toBe(0);
    // Nothing is deleted by a failed complete: the bytes stay until the client (or the sweep) fails it.
    const held = await ctx.app.inject({
      method: 'GET',
      url: `/api/recordings/${id}`,
      headers: client.auth('admin'),
    });
    expect(recordingEnvelope.parse(held.json()).data).toMatchObject({
      status: 'recording',
      offset: upload.length,
    });
    expect((await client.fail(id, 'unplayable')).statusCode).toBe(200);
    expect(await uploadHeld(id)).toEqual(nothingHeld);
  });

  it('answers complete on an empty upload with 409 and the offset, leaving it open for the upload', async () => {
    const before = await storedRecordings();
    const { id } = await client.createOk(agentObject, 'agent');
    const response = await client.complete(id);
    expect(response.statusCode).toBe(409);
    expect(response.headers['upload-offset']).toBe('0');
    expect(response.json().description).toMatch(/does not know its total size/);
    expect(await storedRecordings()).toEqual(before);
    expect(await activityCount(ctx, id)).toBe(0);
  });

  it('lets admins and agents (for their own objects, as themselves) record; others get 401/403/404', async () => {
    expect((await client.create(agentObject, 'agent', 'agent')).statusCode).toBe(201);
    expect((await client.create(agentObject, 'agent', 'admin')).statusCode).toBe(201);
    expect((await client.create(agent2Object, 'agent2', 'agent')).statusCode).toBe(404);
    expect((await client.create(agentObject, 'agent2', 'agent')).statusCode).toBe(403);
    // Reviewers who see the conversation are refused; one who does not see it is told it does not exist.
    for (const role of ['qa', 'trainer']) {
      const response = await client.create(agentObject, 'agent', role);
      expect(response.statusCode).toBe(403);
      expect(response.json().description).toMatch(/Only admins and agents/);
    }
    expect((await client.create(agentObject, 'agent', 'supervisor')).statusCode).toBe(404);
    const anonymous = await ctx.app.inject({
      method: 'POST',
      url: '/api/recordings',
      payload: { objectId: agentObject, agent: 'agent' },
    });
    expect(anonymous.statusCode).toBe(401);

    // Another agent's recording is invisible; the owner's key works through the whole life.
    const { id } = await client.createOk(agentObject, 'agent', 'agent');
    expect((await client.complete(id, 'agent2')).statusCode).toBe(404);
    expect((await client.complete(id, 'qa')).statusCode).toBe(403);
    await client.uploadAll(id, await readFile(DEMO_MP4), 2, 'agent');
    expect((await client.complete(id, 'agent')).statusCode).toBe(200);

    // A session needs the CSRF token for writes.
    const session = await signIn(ctx.app, 'agent');
    const withoutToken = await ctx.app.inject({
      method: 'POST',
      url: '/api/recordings',
      headers: { cookie: session.cookie },
      payload: { objectId: agentObject, agent: 'agent' },
    });
    expect(withoutToken.statusCode).toBe(403);
    const withToken = await ctx.app.inject({
      method: 'POST',
      url: '/api/recordings',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      payload: { objectId: agentObject, agent: 'agent' },
    });
    expect(withToken.statusCode).toBe(201);
  });

  it('is idempotent by externalId: the same recording, 200 the second time', async () => {
    const first = await client.create(agentObject, 'agent', 'admin', { externalId: 'call-42' });
    const second = await client.create(agentObject, 'agent', 'admin', { externalId: 'call-42' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().data.id).toBe(first.json().data.id);
    // The same key on another of the agent's conversations is a conflict…
    const otherObject = await client.create(agent2Object, 'agent', 'admin', { externalId: 'call-42' });
    expect(otherObject.statusCode).toBe(409);
  });

  it('scopes externalIds to the agent, so nobody learns whether another agent used one', async () => {
    const dana = await client.create(agentObject, 'agent', 'agent', { externalId: 'call-77' });
    expect(dana.statusCode).toBe(201);
    // Sam, on his own conversation with Dana's key, gets his own new recording, not a 409.
    const sam = await client.create(agent2Object, 'agent2', 'agent2', { externalId: 'call-77' });
    expect(sam.statusCode).toBe(201);
    expect(sam.json().data.id).not.toBe(dana.json().data.id);
    const samAgain = await client.create(agent2Object, 'agent2', 'agent2', { externalId: 'call-77' });
    expect(samAgain.json().data.id).toBe(sam.json().data.id);
  });

  it('sweeps uploads idle longer than the maximum age, and keeps recent ones', async () => {
    const old = await client.createOk(agentObject, 'agent');
    const recent = await client.createOk(agentObject, 'agent');
    await client.put(old.id, Buffer.from('some bytes'), 0, '*');
    await client.put(recent.id, Buffer.from('more bytes'), 0, '*');
    await ctx.db.query(
      `update recordings set created_at = now() - interval '2 days', upload_touched_at = now() - interval '2 days'
       where id = $1`,
      [old.id],
    );
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const uploads = uploadStore({ db: ctx.db, storage: ctx.storage, workRoot: join(ctx.dataDir, 'work') });
    const swept = await sweepAbandonedUploads({ db: ctx.db, uploads, maxAgeSeconds: 3600, log });
    expect(swept).toContain(old.id);
    expect(swept).not.toContain(recent.id);
    expect(log.info).toHaveBeenCalledWith({ recordingId: old.id }, expect.stringMatching(/abandoned/));
    expect(await uploadHeld(old.id)).toEqual(nothingHeld);
    expect(await uploadHeld(recent.id)).toEqual({ rows: 1, objects: 1 });
    const after = await ctx.app.inject({
      method: 'GET',
      url: `/api/recordings/${old.id}`,
      headers: client.auth('admin'),
    });
    expect(recordingEnvelope.parse(after.json()).data).toMatchObject({ status: 'failed' });
    expect(after.json().data.failureReason).toMatch(/^abandoned/);
    // A second sweep finds nothing more to do.
    expect(await sweepAbandonedUploads({ db: ctx.db, uploads, maxAgeSeconds: 3600, log })).not.toContain(
      old.id,
    );
    await writeFile(join(fixtures, 'unused'), '');
  });
});
