// Plays reach the audit trail with either storage: the player's report (POST /api/activities/{id}/plays)
// and the media route's requests of the same player session leave one `media.played` entry together;
// with S3 the media never passes through Tapeline and the report alone is the trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseKinds, signIn, type TestContext } from '../../test/harness';
import { mediaPlayedEntries, playInRanges } from '../../test/plays';
import { authService } from '../auth/service';

const STORAGES = ['local', 's3'] as const;

describe.each(databaseKinds().flatMap((kind) => STORAGES.map((storage) => [kind, storage] as const)))(
  'plays in the audit trail on %s with %s storage',
  (kind, storage) => {
    let ctx: TestContext;
    let adminKey: string;
    let qa: { cookie: string; csrfToken: string };
    /** Dana's recordings (qa sees them, agent2 does not), one per test that counts their plays. */
    let recordings: { id: string; objectId: string }[];

    beforeAll(async () => {
      ctx = await createTestApp(kind, { storage });
      adminKey = (await authService(ctx.db, { sessionTtlSeconds: 3600 }).createApiKey('admin', 'test'))!.key;
      qa = await signIn(ctx.app, 'qa');
      recordings = (
        await ctx.db.query<{ id: string; objectId: string }>(
          `select a.id::text as id, a.object_id::text as "objectId" from activities a
           join objects o on o.id = a.object_id join users u on u.id = o.agent_id
           where u.username = 'agent' and a.activity_type = 27 order by a.id limit 4`,
        )
      ).rows;
      expect(recordings).toHaveLength(4);
      // Building the app with the demo data takes long on a loaded machine (PGlite runs in this process).
    }, 240_000);
    afterAll(() => ctx?.close());

    const session = (recording: { id: string }, name: string) => `${recording.id}-${kind}-${storage}-${name}`;

    function report(activityId: string, payload: unknown, as: { cookie: string; csrfToken: string } = qa) {
      return ctx.app.inject({
        method: 'POST',
        url: `/api/activities/${activityId}/plays`,
        headers: { cookie: as.cookie, 'x-csrf-token': as.csrfToken, 'user-agent': 'plays-test' },
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    }

    const playsOf = (activityId: string) => mediaPlayedEntries(ctx, adminKey, activityId);

    /** What the review page's player fetches for one session of the recording (qa's). */
    async function playMedia(recording: { id: string; objectId: string }, playSession: string) {
      const listed = await ctx.app.inject({
        method: 'GET',
        url: `/api/objects/${recording.objectId}/activities?activityType=27`,
        headers: { cookie: qa.cookie },
      });
      const recordingUrl = (listed.json() as { data: { id: string; recordingUrl: string }[] }).data.find(
        (activity) => activity.id === recording.id,
      )!.recordingUrl;
      await playInRanges(ctx, { storage, recordingUrl, playSession, cookie: qa.cookie });
    }

    it('records a play the player reports as one entry naming the viewer and the recording', async () => {
      const [recording] = recordings;
      const response = await report(recording!.id, { playSession: session(recording!, 'first') });
      expect(response.statusCode, response.body).toBe(204);
      const plays = await playsOf(recording!.id);
      expect(plays).toHaveLength(1);
      expect(plays[0]).toMatchObject({
        action: 'media.played',
        actor: { username: 'qa', apiKeyId: null },
        resource: { type: 'recording', id: recording!.id },
        outcome: 'success',
        ip: '127.0.0.1',
        userAgent: 'plays-test',
      });
    });

    it.each(['the report', 'the media'] as const)(
      'keeps one entry for a session reported twice and played with 40 ranges, %s first',
      async (first) => {
        const recording = first === 'the report' ? recordings[1]! : recordings[2]!;
        const playSession = session(recording, 'twice');
        if (first === 'the media') {
          await playMedia(recording, playSession);
          // Written before the reports arrive: the trail, not this instance's memory, keeps them out.
          expect(await playsOf(recording.id)).toHaveLength(storage === 'local' ? 1 : 0);
        }
        expect((await report(recording.id, { playSession })).statusCode).toBe(204);
        if (first === 'the report') await playMedia(recording, playSession);
        expect((await report(recording.id, { playSession })).statusCode).toBe(204);
        const plays = await playsOf(recording.id);
        expect(plays).toHaveLength(1);
        expect(plays[0]).toMatchObject({ actor: { username: 'qa' }, resource: { id: recording.id } });
      },
    );

    it('counts a session id used again for another recording as another play', async () => {
      const [played, other] = [recordings[0]!, recordings[3]!];
      expect((await report(other.id, { playSession: session(played, 'first') })).statusCode).toBe(204);
      expect(await playsOf(other.id)).toHaveLength(1);
      expect(await playsOf(played.id)).toHaveLength(1);
    });

    it('answers 404 for a recording the caller may not see, and records nothing', async () => {
      const [recording] = recordings;
      const agent2 = await signIn(ctx.app, 'agent2');
      const response = await report(recording!.id, { playSession: session(recording!, 'hidden') }, agent2);
      expect(response.statusCode).toBe(404);
      expect((response.json() as { description: string }).description).toMatch(/not found/i);
      const missing = await report('999999999', { playSession: '999999999-nothing' });
      expect(missing.statusCode).toBe(404);
      expect(await playsOf(recording!.id)).toHaveLength(1);
      expect(await playsOf('999999999')).toHaveLength(0);
    });

    it('documents the report in the OpenAPI document, with its body', async () => {
      const response = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
      const document = response.json() as {
        paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
      };
      const operation = document.paths['/api/activities/{activityId}/plays']?.post;
      expect(operation?.requestBody?.content['application/json']).toMatchObject({
        schema: { required: ['playSession'], properties: { playSession: { type: 'string' } } },
      });
    });

    it.each([
      ['no body', undefined],
      ['no session', {}],
      ['a number', { playSession: 42 }],
      ['too short a session', { playSession: 'short' }],
      ['too long a session', { playSession: 'x'.repeat(65) }],
      ['a session with a space', { playSession: 'not a session id' }],
    ])('answers 400 for %s, and records nothing', async (_, payload) => {
      const [recording] = recordings;
      const response = await report(recording!.id, payload);
      expect(response.statusCode, response.body).toBe(400);
      expect((response.json() as { description: string }).description).toMatch(/body|playSession/);
      expect(await playsOf(recording!.id)).toHaveLength(1);
    });
  },
);
