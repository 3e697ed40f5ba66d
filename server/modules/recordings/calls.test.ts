// Recordings made by calls: one call, one recording (callId), and a call whose recorder went quiet is
// completed from what arrived — cut short, never deleted — while whole-file uploads keep being failed.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { probeMediaFile } from '../media/probe';
import { toMediaRecorderShape } from '../../test/media/probe-fixtures';
import { createTestApp, databaseKinds, type TestContext } from '../../test/harness';
import {
  activityCount,
  apiKeys,
  completedEnvelope,
  liveWebm,
  objectOf,
  recordingEnvelope,
  recordingsClient,
} from '../../test/recordings-client';
import { sweepAbandonedCalls, sweepAbandonedUploads } from './cleanup';
import { recordingCompletion } from './completion';
import { uploadStore } from './uploads';

let fixtures: string;
/** What Chromium's MediaRecorder leaves when the tab dies mid-call: no Duration, no Cues, cut mid-cluster. */
let cutRecording: Buffer;
let wholeRecording: Buffer;
const SECONDS = 6;

beforeAll(async () => {
  fixtures = await mkdtemp(join(tmpdir(), 'tapeline-calls-'));
  wholeRecording = toMediaRecorderShape(await readFile(await liveWebm(fixtures, SECONDS)));
  cutRecording = wholeRecording.subarray(0, Math.floor(wholeRecording.length * 0.6) + 7);
});
afterAll(async () => {
  if (fixtures) await rm(fixtures, { recursive: true, force: true });
});

const log = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

describe.each(databaseKinds())('recordings made by calls on %s', (kind) => {
  let ctx: TestContext;
  let client: ReturnType<typeof recordingsClient>;
  let objectId: string;
  let otherObjectId: string;

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    client = recordingsClient(ctx, await apiKeys(ctx));
    objectId = await objectOf(ctx, 'agent');
    otherObjectId = await objectOf(ctx, 'agent2');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const sweepDeps = (abandonAfterSeconds: number) => {
    const uploads = uploadStore({ db: ctx.db, storage: ctx.storage, workRoot: join(ctx.dataDir, 'work') });
    const completion = recordingCompletion({ db: ctx.db, storage: ctx.storage, uploads, webhook: null });
    return { db: ctx.db, completion, uploads, abandonAfterSeconds, log: log() };
  };
  const inAnHour = () => new Date(Date.now() + 3600 * 1000);
  const recordingOf = async (id: string) =>
    recordingEnvelope.parse(
      (
        await ctx.app.inject({ method: 'GET', url: `/api/recordings/${id}`, headers: client.auth('admin') })
      ).json(),
    ).data;
  const chunkRows = async (id: string) =>
    (
      await ctx.db.query<{ count: number }>(
        'select count(*)::int as count from recording_chunks where recording_id = $1',
        [id],
      )
    ).rows[0]!.count;

  /** Uploads `bytes` in three chunks without announcing the total, as a recorder mid-call does. */
  async function uploadOpenEnded(id: string, bytes: Buffer, username = 'agent') {
    const size = Math.ceil(bytes.length / 3);
    for (let start = 0; start < bytes.length; start += size) {
      const response = await client.put(id, bytes.subarray(start, start + size), start, '*', username);
      expect(response.statusCode, response.body).toBe(200);
    }
  }

  it('creates one recording per call: the same callId answers 200 with the same recording', async () => {
    const callId = `call-${kind}-once`;
    const first = await client.create(objectId, 'agent', 'agent', { callId });
    expect(first.statusCode, first.body).toBe(201);
    const recording = recordingEnvelope.parse(first.json()).data;
    expect(recording.callId).toBe(callId);

    // The agent's second tab asks for the same call at once, and again later.
    const [second, third] = await Promise.all([
      client.create(objectId, 'agent', 'agent', { callId }),
      client.create(objectId, 'agent', 'admin', { callId }),
    ]);
    for (const again of [second, third]) {
      expect(again.statusCode, again.body).toBe(200);
      expect(recordingEnvelope.parse(again.json()).data).toMatchObject({ id: recording.id, callId });
    }

    await client.uploadAll(recording.id, wholeRecording, 3, 'agent');
    const [completed, completedAgain] = await Promise.all([
      client.complete(recording.id, 'agent'),
      client.complete(recording.id, 'agent'),
    ]);
    expect(completed.statusCode, completed.body).toBe(200);
    expect(completedAgain.statusCode, completedAgain.body).toBe(200);
    const { activity } = completedEnvelope.parse(completed.json()).data;
    expect(completedEnvelope.parse(completedAgain.json()).data.activity.id).toBe(activity.id);
    expect(JSON.parse(activity.data!)).toMatchObject({ callId, recordingType: 'video' });
    expect(JSON.parse(activity.data!)).not.toHaveProperty('cutShort');
    expect(await activityCount(ctx, recording.id)).toBe(1);

    // After the call: creating it again still names the same, completed recording.
    const after = await client.create(objectId, 'agent', 'agent', { callId });
    expect(after.statusCode).toBe(200);
    expect(recordingEnvelope.parse(after.json()).data).toMatchObject({
      id: recording.id,
      status: 'completed',
    });
  });

  it("refuses a callId used by another agent's call, a callId too long, and a callId that is not text", async () => {
    const callId = `call-${kind}-taken`;
    expect((await client.create(objectId, 'agent', 'agent', { callId })).statusCode).toBe(201);
    const taken = await client.create(otherObjectId, 'agent2', 'agent2', { callId });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().description).toMatch(/callId/);
    // A callId with another externalId than its recording's, or an externalId taken by another recording.
    const clash = await client.create(objectId, 'agent', 'agent', { callId, externalId: `ext-${kind}` });
    expect(clash.statusCode).toBe(409);
    expect((await client.create(objectId, 'agent', 'agent', { externalId: `ext-${kind}` })).statusCode).toBe(
      201,
    );
    const mixed = await client.create(objectId, 'agent', 'agent', {
      callId: `call-${kind}-new`,
      externalId: `ext-${kind}`,
    });
    expect(mixed.statusCode).toBe(409);

    for (const bad of ['x'.repeat(101), '', 'a\u0000b', 42]) {
      const response = await client.create(objectId, 'agent', 'agent', { callId: bad });
      expect(response.statusCode, String(bad)).toBe(400);
      expect(response.json().description).toMatch(/callId/);
    }
  });

  it('completes a call whose recorder went quiet from the bytes that arrived, marked as cut short', async () => {
    const callId = `call-${kind}-crashed`;
    const recording = recordingEnvelope.parse(
      (await client.create(objectId, 'agent', 'agent', { callId })).json(),
    ).data;
    await uploadOpenEnded(recording.id, cutRecording);
    const upload = recordingEnvelope.parse((await client.create(objectId, 'agent', 'agent')).json()).data;
    await client.put(upload.id, wholeRecording.subarray(0, 1000), 0, '*', 'agent');

    // Not yet quiet for long enough: nothing happens.
    const deps = sweepDeps(600);
    expect(await sweepAbandonedCalls(deps)).toEqual({ completed: [], failed: [] });
    // The sweep of whole-file uploads leaves call recordings alone, and still fails the plain upload.
    const failedUploads = await sweepAbandonedUploads({ ...deps, maxAgeSeconds: 60 }, inAnHour());
    expect(failedUploads).toContain(upload.id);
    expect(failedUploads).not.toContain(recording.id);
    expect(await chunkRows(upload.id)).toBe(0);

    const swept = await sweepAbandonedCalls(deps, inAnHour());
    expect(swept.completed).toContain(recording.id);
    expect(swept.failed).not.toContain(recording.id);
    expect(deps.log.info).toHaveBeenCalledWith(
      expect.objectContaining({ recordingId: recording.id, callId }),
      expect.stringMatching(/completed from what arrived/),
    );

    const completed = await recordingOf(recording.id);
    expect(completed).toMatchObject({ status: 'completed', callId });
    const activityRow = await ctx.app.inject({
      method: 'GET',
      url: `/api/objects/${objectId}/activities?activityType=27`,
      headers: client.auth('agent'),
    });
    const activity = (
      activityRow.json() as { data: { id: string; data: string; duration: number; recordingUrl: string }[] }
    ).data.find((entry) => entry.id === completed.activityId)!;
    const data = JSON.parse(activity.data);
    expect(data).toMatchObject({ callId, cutShort: true, recordingType: 'video' });
    expect(data.cutShortReason).toMatch(/sent nothing for 600 seconds/);
    expect(data.cutShortReason).toContain(`${cutRecording.length} bytes`);
    // What arrived, measured: about 60% of the call, and made seekable.
    expect(activity.duration).toBeGreaterThanOrEqual(2);
    expect(activity.duration).toBeLessThan(SECONDS);
    const key = decodeURIComponent(new URL(activity.recordingUrl).pathname.replace(/^\/media\//, ''));
    const stored = await probeMediaFile(join(ctx.dataDir, 'media', ...key.split('/')));
    expect(stored).toMatchObject({ seekable: true, kind: 'video' });
    expect(await activityCount(ctx, recording.id)).toBe(1);

    // The recorder's tab comes back and completes: the same activity, no second one.
    const late = await client.complete(recording.id, 'agent');
    expect(late.statusCode, late.body).toBe(200);
    expect(completedEnvelope.parse(late.json()).data.activity.id).toBe(completed.activityId);
    const again = await sweepAbandonedCalls(deps, inAnHour());
    expect([...again.completed, ...again.failed]).not.toContain(recording.id);
  });

  it('makes one activity when the sweep and the returning recorder complete at the same moment', async () => {
    const callId = `call-${kind}-race`;
    const recording = recordingEnvelope.parse(
      (await client.create(objectId, 'agent', 'agent', { callId })).json(),
    ).data;
    await client.uploadAll(recording.id, cutRecording, 3, 'agent');
    const [swept, completed] = await Promise.all([
      sweepAbandonedCalls(sweepDeps(600), inAnHour()),
      client.complete(recording.id, 'agent'),
    ]);
    expect(completed.statusCode, completed.body).toBe(200);
    expect(swept.failed).toEqual([]);
    expect(await activityCount(ctx, recording.id)).toBe(1);
  });

  it('keeps the bytes of a quiet call with nothing playable, failed with the reason', async () => {
    const empty = recordingEnvelope.parse(
      (await client.create(objectId, 'agent', 'agent', { callId: `call-${kind}-empty` })).json(),
    ).data;
    const headerOnly = recordingEnvelope.parse(
      (await client.create(objectId, 'agent', 'agent', { callId: `call-${kind}-header` })).json(),
    ).data;
    await client.put(headerOnly.id, cutRecording.subarray(0, 200), 0, '*', 'agent');

    const swept = await sweepAbandonedCalls(sweepDeps(600), inAnHour());
    expect(swept.completed).not.toContain(empty.id);
    expect(swept.completed).not.toContain(headerOnly.id);
    expect(swept.failed).toEqual(expect.arrayContaining([empty.id, headerOnly.id]));
    expect((await recordingOf(empty.id)).failureReason).toMatch(/no media arrived/);
    expect((await recordingOf(headerOnly.id)).failureReason).toMatch(/truncated/);
    expect(await chunkRows(headerOnly.id)).toBe(1);
  });
});

describe.each(databaseKinds())('the abandoned-call job on %s', (kind) => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestApp(kind, { env: { CALL_ABANDON_AFTER: '1', UPLOAD_CLEANUP_INTERVAL: '1' } });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('runs in the server and completes a call left by a closed tab, after CALL_ABANDON_AFTER', async () => {
    const client = recordingsClient(ctx, await apiKeys(ctx));
    const objectId = await objectOf(ctx, 'agent');
    const created = await client.create(objectId, 'agent', 'agent', { callId: `call-${kind}-job` });
    const recording = recordingEnvelope.parse(created.json()).data;
    // One request carries everything that arrived before the tab closed.
    const put = await client.put(recording.id, cutRecording, 0, '*', 'agent');
    expect(put.statusCode, put.body).toBe(200);

    await vi.waitFor(
      async () => {
        const response = await ctx.app.inject({
          method: 'GET',
          url: `/api/recordings/${recording.id}`,
          headers: client.auth('agent'),
        });
        expect(recordingEnvelope.parse(response.json()).data.status).toBe('completed');
      },
      { timeout: 20_000, interval: 200 },
    );
    expect(await activityCount(ctx, recording.id)).toBe(1);
  });
});
