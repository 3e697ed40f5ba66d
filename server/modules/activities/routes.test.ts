import { readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  conversationObjectSchema,
  recordingActivitySchema,
  activitySchema,
  type ConversationObject,
  type RecordingActivity,
} from '../../../contract/activities';
import { envelopeSchema, errorEnvelopeSchema, pagedEnvelopeSchema } from '../../../contract/envelope';
import { z } from 'zod';
import { DEMO_MEDIA_DIR } from '../../demo/seed';
import { authService } from '../auth/service';
import { createTestApp, databaseKinds, signIn, type TestContext } from '../../test/harness';

const recordingsEnvelope = pagedEnvelopeSchema(recordingActivitySchema);
const activitiesEnvelope = pagedEnvelopeSchema(activitySchema);
const objectsEnvelope = envelopeSchema(z.array(conversationObjectSchema));

describe.each(databaseKinds())('Activities API on %s', (kind) => {
  let ctx: TestContext;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    const auth = authService(ctx.db, { sessionTtlSeconds: 3600 });
    for (const username of ['admin', 'qa', 'trainer', 'supervisor', 'agent', 'agent2']) {
      keys[username] = (await auth.createApiKey(username, 'test'))!.key;
    }
  });
  afterAll(() => ctx?.close());

  const get = (url: string, username = 'admin') =>
    ctx.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${keys[username]}` } });

  async function objectsOf(username: string): Promise<ConversationObject[]> {
    const response = await get('/api/objects', username);
    expect(response.statusCode).toBe(200);
    return objectsEnvelope.parse(response.json()).data;
  }

  async function recordingsOf(objectId: string, username = 'admin'): Promise<RecordingActivity[]> {
    const response = await get(`/api/objects/${objectId}/activities?activityType=27`, username);
    expect(response.statusCode).toBe(200);
    return recordingsEnvelope.parse(response.json()).data;
  }

  it('lists objects in the envelope, most recent activity first, with recording counts', async () => {
    const response = await get('/api/objects');
    const body = objectsEnvelope.parse(response.json());
    expect(body).toMatchObject({ status: 200, description: 'Operation successful' });
    expect(body.data.length).toBeGreaterThanOrEqual(20);
    const times = body.data.map((o) => o.lastActivityTime ?? '');
    expect(times).toEqual([...times].sort().reverse());
    const total = body.data.reduce((sum, o) => sum + o.recordingCount, 0);
    expect(total).toBeGreaterThanOrEqual(60);
    expect(new Set(body.data.map((o) => o.agent.first_name))).toEqual(new Set(['Dana', 'Sam']));
  });

  it('returns recording activities with measured duration, real size and a signed URL, newest first', async () => {
    const [object] = await objectsOf('admin');
    const activities = await recordingsOf(object!.objectId);
    expect(activities).toHaveLength(object!.recordingCount);
    const created = activities.map((a) => a.createdTime);
    expect(created).toEqual([...created].sort().reverse());
    for (const activity of activities) {
      expect(activity).toMatchObject({
        type: 27,
        activityType: 27,
        recordingType: 'video',
        objectId: object!.objectId,
      });
      const url = new URL(activity.recordingUrl);
      expect(url.origin).toBe(ctx.config.publicUrl);
      expect(url.searchParams.get('sig')).toBeTruthy();
      const file = url.pathname.split('/').pop()!;
      expect(activity.fileSize).toBe((await stat(DEMO_MEDIA_DIR + file)).size);
      expect(activity.duration).toBeGreaterThanOrEqual(20);
      expect(JSON.parse(activity.data!)).toMatchObject({
        duration: activity.duration,
        fileSize: activity.fileSize,
      });
    }
  });

  it('filters by activityType, and lists every activity without it', async () => {
    const [object] = await objectsOf('admin');
    await ctx.db.query(
      `insert into activities (object_id, activity_type, data) values ($1, 3, '{"text":"note"}')`,
      [object!.objectId],
    );
    const all = activitiesEnvelope.parse(
      (await get(`/api/objects/${object!.objectId}/activities`)).json(),
    ).data;
    const recordings = await recordingsOf(object!.objectId);
    expect(all.map((a) => a.activityType).sort()).toEqual([3, ...recordings.map(() => 27)].sort());
    expect(recordings.every((a) => a.activityType === 27)).toBe(true);
    const notes = (await get(`/api/objects/${object!.objectId}/activities?activityType=3`)).json();
    expect(notes.data).toHaveLength(1);
  });

  it('pages through every activity exactly once', async () => {
    const objects = await objectsOf('admin');
    const object = objects.reduce((a, b) => (b.recordingCount > a.recordingCount ? b : a));
    const everything = (await recordingsOf(object.objectId)).map((a) => a.id);
    const seen: string[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const query = `activityType=27&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const body = recordingsEnvelope.parse(
        (await get(`/api/objects/${object.objectId}/activities?${query}`)).json(),
      );
      expect(body.data.length).toBeLessThanOrEqual(2);
      seen.push(...body.data.map((a) => a.id!));
      cursor = body.nextCursor;
      expect(cursor).not.toBeUndefined();
      pages++;
    } while (cursor);
    expect(seen).toEqual(everything);
    expect(pages).toBe(Math.ceil(everything.length / 2));
  });

  it('shows each role what it may see, and 404s what it may not', async () => {
    const all = await objectsOf('admin');
    const teamOf = (team: string) =>
      all
        .filter((o) => o.team.name === team)
        .map((o) => o.objectId)
        .sort();
    const idsOf = async (username: string) => (await objectsOf(username)).map((o) => o.objectId).sort();
    expect(await idsOf('qa')).toEqual(all.map((o) => o.objectId).sort());
    expect(await idsOf('trainer')).toEqual(teamOf('Video Support'));
    expect(await idsOf('supervisor')).toEqual(teamOf('Onboarding'));
    const danas = (await objectsOf('agent')).map((o) => o.agent.first_name);
    expect(new Set(danas)).toEqual(new Set(['Dana']));
    expect((await objectsOf('agent2')).every((o) => o.agent.first_name === 'Sam')).toBe(true);

    const samsObject = all.find((o) => o.agent.first_name === 'Sam')!;
    const forbidden = await get(`/api/objects/${samsObject.objectId}/activities?activityType=27`, 'agent');
    const unknown = await get('/api/objects/999999999/activities?activityType=27', 'agent');
    expect(forbidden.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(errorEnvelopeSchema.parse(forbidden.json()).description).toMatch(/was not found/);
    const trainerView = await get(`/api/objects/${samsObject.objectId}/activities`, 'trainer');
    expect(trainerView.statusCode).toBe(404);
    expect((await recordingsOf(samsObject.objectId, 'agent2')).length).toBe(samsObject.recordingCount);
  });

  it.each([
    ['objectId=abc', '/api/objects/abc/activities?activityType=27', /objectId/],
    ['activityType=x', '/api/objects/100001/activities?activityType=x', /activityType/],
    ['limit=0', '/api/objects/100001/activities?limit=0', /limit/],
    ['limit=501', '/api/objects/100001/activities?limit=501', /limit/],
    ['a forged cursor', '/api/objects/100001/activities?limit=2&cursor=eyJvIjoiMSJ9.Zm9yZ2Vk', /cursor/],
  ])('answers 400 for %s, naming the parameter', async (_name, url, named) => {
    const response = await get(url);
    expect(response.statusCode).toBe(400);
    expect(errorEnvelopeSchema.parse(response.json()).description).toMatch(named);
  });

  it('rejects a cursor edited by one character, or one issued for another object', async () => {
    const [first, second] = await objectsOf('admin');
    const page = recordingsEnvelope.parse(
      (await get(`/api/objects/${first!.objectId}/activities?activityType=27&limit=1`)).json(),
    );
    const cursor = page.nextCursor!;
    const edited = cursor.slice(0, 5) + (cursor[5] === 'A' ? 'B' : 'A') + cursor.slice(6);
    const editedResponse = await get(
      `/api/objects/${first!.objectId}/activities?activityType=27&limit=1&cursor=${edited}`,
    );
    expect(editedResponse.statusCode).toBe(400);
    const elsewhere = await get(
      `/api/objects/${second!.objectId}/activities?activityType=27&limit=1&cursor=${cursor}`,
    );
    expect(elsewhere.statusCode).toBe(400);
  });

  it('answers 401 without credentials, with a wrong key, and with a wrong cookie', async () => {
    const url = '/api/objects/100001/activities?activityType=27';
    const responses = [
      await ctx.app.inject({ method: 'GET', url }),
      await ctx.app.inject({ method: 'GET', url, headers: { authorization: 'Bearer tpl_wrong' } }),
      await ctx.app.inject({ method: 'GET', url, headers: { authorization: 'Basic YWRtaW46dGFwZWxpbmU=' } }),
      await ctx.app.inject({ method: 'GET', url, headers: { cookie: 'tapeline_session=forged' } }),
    ];
    for (const response of responses) {
      expect(response.statusCode).toBe(401);
      expect(errorEnvelopeSchema.parse(response.json()).status).toBe(401);
    }
  });

  it('accepts the session cookie of a signed-in user', async () => {
    const { cookie } = await signIn(ctx.app, 'trainer');
    const response = await ctx.app.inject({ method: 'GET', url: '/api/objects', headers: { cookie } });
    expect(response.statusCode).toBe(200);
    expect(objectsEnvelope.parse(response.json()).data.every((o) => o.team.name === 'Video Support')).toBe(
      true,
    );
  });

  it('never answers 5xx, whatever the object id and query parameters', async () => {
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom('', '0', '-1', '27', '1e3', '99999999999999999999', '%', 'null'),
    );
    await fc.assert(
      fc.asyncProperty(text, text, text, text, async (objectId, activityType, limit, cursor) => {
        const params = new URLSearchParams({ activityType, limit, cursor });
        const response = await get(`/api/objects/${encodeURIComponent(objectId)}/activities?${params}`);
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode !== 200)
          expect(errorEnvelopeSchema.safeParse(response.json()).success).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('serves the listed recordingUrl over a real socket, with byte ranges of the real file', async () => {
    const [object] = await objectsOf('admin');
    const [activity] = await recordingsOf(object!.objectId);
    const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const url = new URL(activity!.recordingUrl);
    const local = new URL(url.pathname + url.search, address);
    const listed = await fetch(
      new URL(`/api/objects/${object!.objectId}/activities?activityType=27`, address),
      {
        headers: { authorization: `Bearer ${keys.qa}` },
      },
    );
    expect(listed.status).toBe(200);
    const ranged = await fetch(local, { headers: { range: 'bytes=0-99' } });
    expect(ranged.status).toBe(206);
    const bytes = Buffer.from(await ranged.arrayBuffer());
    const file = await readFile(DEMO_MEDIA_DIR + url.pathname.split('/').pop());
    expect(bytes.equals(file.subarray(0, 100))).toBe(true);
  });
});
