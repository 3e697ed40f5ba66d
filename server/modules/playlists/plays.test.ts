// Plays through a playlist reach the audit trail with either storage, for assignees who may not read the
// recording itself: the play page's report (POST /api/playlists/{id}/items/{itemId}/plays) and the media
// route's requests of the same player session leave one `media.played` entry on the recording together.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Playlist } from '../../../contract/playlists';
import { createTestApp, databaseKinds, signIn, type TestContext } from '../../test/harness';
import { mediaPlayedEntries, playInRanges } from '../../test/plays';
import { authService } from '../auth/service';

const STORAGES = ['local', 's3'] as const;

type Session = { cookie: string; csrfToken: string };

describe.each(databaseKinds().flatMap((kind) => STORAGES.map((storage) => [kind, storage] as const)))(
  'playlist plays in the audit trail on %s with %s storage',
  (kind, storage) => {
    let ctx: TestContext;
    let adminKey: string;
    /** Sam, an agent of another team: assigned the playlist, may not see Dana's recordings. */
    let agent2: Session;
    /** trainer's playlist of Dana's recordings, one clip each (one per test that counts their plays). */
    let playlist: Playlist;

    function call(method: 'GET' | 'POST', url: string, as: Session, payload?: unknown) {
      return ctx.app.inject({
        method,
        url,
        headers: { cookie: as.cookie, 'x-csrf-token': as.csrfToken, 'user-agent': 'playlist-plays-test' },
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    }

    beforeAll(async () => {
      ctx = await createTestApp(kind, { storage });
      adminKey = (await authService(ctx.db, { sessionTtlSeconds: 3600 }).createApiKey('admin', 'test'))!.key;
      const trainer = await signIn(ctx.app, 'trainer');
      agent2 = await signIn(ctx.app, 'agent2');
      const danas = (
        await ctx.db.query<{ id: string }>(
          `select a.id::text as id from activities a
           join objects o on o.id = a.object_id join users u on u.id = o.agent_id
           where u.username = 'agent' and a.activity_type = 27 order by a.id limit 4`,
        )
      ).rows;
      expect(danas).toHaveLength(4);
      const created = await call('POST', '/api/playlists', trainer, { title: 'Refunds, calmly' });
      const id = (created.json() as { data: { id: string } }).data.id;
      for (const recording of danas) {
        const added = await call('POST', `/api/playlists/${id}/items`, trainer, {
          activityId: recording.id,
          startSeconds: 0,
          endSeconds: 1,
        });
        expect(added.statusCode, added.body).toBe(201);
      }
      const assigned = await call('POST', `/api/playlists/${id}/assignments`, trainer, {
        usernames: ['agent2'],
      });
      expect(assigned.statusCode, assigned.body).toBe(200);
      playlist = ((await call('GET', `/api/playlists/${id}`, agent2)).json() as { data: Playlist }).data;
      expect(playlist.items).toHaveLength(4);
      // Building the app with the demo data takes long on a loaded machine (PGlite runs in this process).
    }, 240_000);
    afterAll(() => ctx?.close());

    const clip = (index: number) => {
      const item = playlist.items[index]!;
      return { ...item, activityId: item.activityId! };
    };
    const session = (item: { activityId: string }, name: string) =>
      `${item.activityId}-${kind}-${storage}-${name}`;

    function report(itemId: string, payload: unknown, as: Session = agent2, playlistId = playlist.id) {
      return call('POST', `/api/playlists/${playlistId}/items/${itemId}/plays`, as, payload);
    }

    const playsOf = (activityId: string) => mediaPlayedEntries(ctx, adminKey, activityId);

    /** What the play page's player fetches for one session of the clip's recording (Sam's). */
    const playMedia = (item: { recordingUrl: string | null }, playSession: string) =>
      playInRanges(ctx, { storage, recordingUrl: item.recordingUrl!, playSession, cookie: agent2.cookie });

    it('records an assignee’s play as one entry on the recording, naming them and the playlist', async () => {
      const item = clip(0);
      // Sam may not read the recording itself: the review page's report is refused him.
      const direct = await call('POST', `/api/activities/${item.activityId}/plays`, agent2, {
        playSession: session(item, 'direct'),
      });
      expect(direct.statusCode).toBe(404);

      const response = await report(item.id, { playSession: session(item, 'first') });
      expect(response.statusCode, response.body).toBe(204);
      const plays = await playsOf(item.activityId);
      expect(plays).toHaveLength(1);
      expect(plays[0]).toMatchObject({
        action: 'media.played',
        actor: { username: 'agent2', apiKeyId: null },
        resource: { type: 'recording', id: item.activityId },
        outcome: 'success',
        ip: '127.0.0.1',
        userAgent: 'playlist-plays-test',
        details: { playlistId: playlist.id, itemId: item.id },
      });
    });

    it.each(['the report', 'the media'] as const)(
      'keeps one entry for a session reported twice and played with 40 ranges, %s first',
      async (first) => {
        const item = first === 'the report' ? clip(1) : clip(2);
        const playSession = session(item, 'twice');
        if (first === 'the media') {
          await playMedia(item, playSession);
          expect(await playsOf(item.activityId)).toHaveLength(storage === 'local' ? 1 : 0);
        }
        expect((await report(item.id, { playSession })).statusCode).toBe(204);
        if (first === 'the report') await playMedia(item, playSession);
        expect((await report(item.id, { playSession })).statusCode).toBe(204);
        const plays = await playsOf(item.activityId);
        expect(plays).toHaveLength(1);
        expect(plays[0]).toMatchObject({ actor: { username: 'agent2' }, resource: { id: item.activityId } });
      },
    );

    it('answers 404 to someone the playlist is not shared with, and for a missing playlist or clip, recording nothing', async () => {
      const item = clip(3);
      const playSession = session(item, 'hidden');
      // Dana may read her own recording, but the playlist is neither hers nor assigned to her.
      for (const username of ['agent', 'supervisor']) {
        const response = await report(item.id, { playSession }, await signIn(ctx.app, username));
        expect(response.statusCode, `${username}: ${response.body}`).toBe(404);
        expect((response.json() as { description: string }).description).toMatch(/not found/i);
      }
      expect((await report('999999999', { playSession })).statusCode).toBe(404);
      expect((await report(item.id, { playSession }, agent2, '999999999')).statusCode).toBe(404);
      expect(await playsOf(item.activityId)).toHaveLength(0);
    });

    it('documents the report in the OpenAPI document, with its body', async () => {
      const response = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
      const document = response.json() as {
        paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
      };
      const operation = document.paths['/api/playlists/{id}/items/{itemId}/plays']?.post;
      expect(operation?.requestBody?.content['application/json']).toMatchObject({
        schema: { required: ['playSession'], properties: { playSession: { type: 'string' } } },
      });
    });

    it.each([
      ['no body', undefined],
      ['no session', {}],
      ['a number', { playSession: 42 }],
      ['too short a session', { playSession: 'short' }],
      ['a session with a space', { playSession: 'not a session id' }],
    ])('answers 400 for %s, and records nothing', async (_, payload) => {
      const item = clip(3);
      const response = await report(item.id, payload);
      expect(response.statusCode, response.body).toBe(400);
      expect((response.json() as { description: string }).description).toMatch(/body|playSession/);
      expect(await playsOf(item.activityId)).toHaveLength(0);
    });
  },
);
