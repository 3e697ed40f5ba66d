// Retention, deletion on request and legal holds against the real app, on local storage and on S3:
// exactly the expired, unheld recordings go (rows and media objects), held ones stay, and deleting a
// held one by hand is a 409 naming the hold.
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEDIA_DIR } from '../../demo/seed';
import { consoleLog } from '../../lib/log';
import { everyCriterionRated, submitEvaluation, type ScorecardCriteria } from '../../test/evaluations';
import { createTestApp, databaseKinds, type DatabaseKind, type TestContext } from '../../test/harness';
import { authService } from '../auth/service';
import { buildModules } from '..';

const setups: [DatabaseKind, 'local' | 's3'][] = [
  ...databaseKinds().map((kind): [DatabaseKind, 'local'] => [kind, 'local']),
  ['pglite', 's3'],
];

describe.each(setups)('retention on %s with %s storage', (kind, storageKind) => {
  let ctx: TestContext;
  const keys: Record<string, string> = {};
  let team: string;
  /** Dana's recordings: expired, expired and held, expired, recent. */
  let [expired, held, expiredToo, recent] = ['', '', '', ''];
  const mediaKey = (activityId: string) => `retention-test/${activityId}.webm`;

  const call = (method: string, url: string, as: string, payload?: object) =>
    ctx.app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${keys[as]}` },
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    ctx = await createTestApp(kind, { storage: storageKind });
    const auth = authService(ctx.db, { sessionTtlSeconds: 3600 });
    for (const user of ['admin', 'qa', 'agent', 'agent2'])
      keys[user] = (await auth.createApiKey(user, 'test'))!.key;
    const rows = (
      await ctx.db.query<{ id: string; teamId: string; storageKey: string }>(
        `select a.id::text as id, o.team_id::text as "teamId", r.storage_key as "storageKey"
         from activities a join objects o on o.id = a.object_id join users u on u.id = o.agent_id
         join recordings r on r.id = a.recording_id
         where u.username = 'agent' and a.activity_type = 27 order by a.id limit 4`,
      )
    ).rows;
    [expired, held, expiredToo, recent] = rows.map((row) => row.id) as [string, string, string, string];
    team = rows[0]!.teamId;
    // Each gets a media object of its own (the demo's clips are shared by several recordings).
    for (const row of rows) {
      await ctx.storage.putFile(mediaKey(row.id), DEMO_MEDIA_DIR + basename(row.storageKey), 'video/webm');
      await ctx.db.query(
        'update recordings set storage_key = $2 where id = (select recording_id from activities where id = $1)',
        [row.id, mediaKey(row.id)],
      );
    }
    await ctx.db.query(
      `update recordings set started_at = now() where object_id in (select id from objects where team_id = $1)`,
      [team],
    );
    await ctx.db.query(
      `update recordings set started_at = now() - interval '40 days'
       where id in (select recording_id from activities where id = any($1::bigint[]))`,
      [[expired, held, expiredToo]],
    );
    // Building the app with the demo data takes long on a loaded machine (PGlite runs in this process).
  }, 240_000);
  afterAll(() => ctx?.close());

  it('deletes exactly the expired, unheld recordings; their media objects are gone', async () => {
    const hold = await call('POST', '/api/holds', 'admin', { activityId: held, reason: 'litigation 42' });
    expect(hold.statusCode, hold.body).toBe(201);
    const holdId = (hold.json() as { data: { id: string } }).data.id;
    const annotation = await call('POST', `/api/activities/${expired}/annotations`, 'qa', {
      startSeconds: 1,
      text: 'x',
    });
    expect(annotation.statusCode).toBe(201);
    const scorecard = ((await call('GET', '/api/scorecards', 'qa')).json() as { data: { id: string }[] })
      .data[0]!.id;
    const evaluation = await call('POST', `/api/activities/${expired}/evaluations`, 'qa', {
      scorecardId: scorecard,
    });
    const evaluationId = (evaluation.json() as { data: { id: string } }).data.id;

    const set = await call('PUT', `/api/teams/${team}/retention`, 'admin', { days: 30 });
    expect(set.statusCode, set.body).toBe(200);

    const modules = buildModules({ ...ctx, log: consoleLog });
    const dryRun = await modules.retention.service.run({ dryRun: true });
    expect(dryRun.deleted.map((item) => item.activityId)).toEqual([expired, expiredToo]);
    expect(dryRun.keptByHold).toEqual([
      expect.objectContaining({ activityId: held, holdId, holdReason: 'litigation 42' }),
    ]);
    expect(await ctx.storage.stat(mediaKey(expired))).not.toBeNull();

    const run = await call('POST', '/api/retention/run', 'admin');
    expect(run.statusCode, run.body).toBe(200);
    const result = (
      run.json() as { data: { deleted: { activityId: string }[]; keptByHold: { activityId: string }[] } }
    ).data;
    expect(result.deleted.map((item) => item.activityId)).toEqual([expired, expiredToo]);
    expect(result.keptByHold.map((item) => item.activityId)).toEqual([held]);

    expect(await ctx.storage.stat(mediaKey(expired))).toBeNull();
    expect(await ctx.storage.stat(mediaKey(expiredToo))).toBeNull();
    expect(await ctx.storage.stat(mediaKey(held))).not.toBeNull();
    expect(await ctx.storage.stat(mediaKey(recent))).not.toBeNull();

    // The activity leaves the Activities API; annotations go; the evaluation stays, marked.
    const object = (
      await ctx.db.query<{ id: string }>(
        `select o.id::text as id from objects o join users u on u.id = o.agent_id where u.username = 'agent' order by o.id limit 1`,
      )
    ).rows[0]!.id;
    const listed = await call('GET', `/api/objects/${object}/activities?activityType=27`, 'admin');
    const ids = (listed.json() as { data: { id: string }[] }).data.map((a) => a.id);
    expect(ids).not.toContain(expired);
    expect((await call('GET', `/api/activities/${expired}/annotations`, 'admin')).statusCode).toBe(404);
    expect(
      (await ctx.db.query('select 1 from annotations where activity_id = $1', [expired])).rows,
    ).toHaveLength(0);
    const kept = await ctx.db.query<{ deleted: Date | null }>(
      'select recording_deleted_at as deleted from evaluations where id = $1',
      [evaluationId],
    );
    expect(kept.rows[0]?.deleted).toBeInstanceOf(Date);

    const audit = await call('GET', `/api/audit?action=recording.deleted&resourceId=${expired}`, 'admin');
    const entries = (audit.json() as { data: { actor: { username: string }; details: { reason: string } }[] })
      .data;
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details.reason).toMatch(/^retention/);

    // Running again deletes nothing more.
    const again = (await call('POST', '/api/retention/run', 'admin')).json() as {
      data: { deleted: unknown[] };
    };
    expect(again.data.deleted).toEqual([]);
  });

  it('refuses to delete a held recording by hand (409 naming the hold), and deletes it once released', async () => {
    const holds = (await call('GET', `/api/holds?activityId=${held}`, 'admin')).json() as {
      data: { id: string }[];
    };
    const holdId = holds.data[0]!.id;
    const refused = await call('DELETE', `/api/activities/${held}?reason=subject%20request`, 'admin');
    expect(refused.statusCode).toBe(409);
    expect((refused.json() as { description: string }).description).toContain(`legal hold ${holdId}`);
    expect(await ctx.storage.stat(mediaKey(held))).not.toBeNull();

    expect((await call('DELETE', `/api/holds/${holdId}`, 'admin')).statusCode).toBe(200);
    const deleted = await call('DELETE', `/api/activities/${held}?reason=subject%20request`, 'admin');
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(await ctx.storage.stat(mediaKey(held))).toBeNull();
    expect((await call('DELETE', `/api/activities/${held}?reason=again`, 'admin')).statusCode).toBe(404);
  });

  it('lets the words of a recording deleted on request go from search, unless another recording holds them', async () => {
    const [doomed, kept] = (
      await ctx.db.query<{ id: string }>(
        `select a.id::text as id from activities a join users u on u.id = a.user_id
         where u.username = 'agent2' and a.activity_type = 27 order by a.id limit 2`,
      )
    ).rows.map((row) => row.id);
    for (const [activityId, text] of [
      [doomed, 'Quokkaish zebrawood'],
      [kept, 'Zebrawood again'],
    ]) {
      const annotated = await call('POST', `/api/activities/${activityId}/annotations`, 'qa', {
        startSeconds: 1,
        text,
      });
      expect(annotated.statusCode, annotated.body).toBe(201);
    }
    const words = async () =>
      (
        await ctx.db.query<{ lexeme: string }>(
          `select lexeme from search_lexemes where lexeme in ('quokkaish', 'zebrawood') order by 1`,
        )
      ).rows.map((row) => row.lexeme);
    expect(await words()).toEqual(['quokkaish', 'zebrawood']);

    const deleted = await call('DELETE', `/api/activities/${doomed}?reason=subject%20request`, 'admin');
    expect(deleted.statusCode, deleted.body).toBe(204);
    const modules = buildModules({ ...ctx, log: consoleLog });
    expect(await modules.search.service.pruneWords()).toBeGreaterThan(0);
    expect(await words()).toEqual(['zebrawood']);
    const found = (await call('GET', '/api/search/recordings?q=zebraw', 'admin')).json() as {
      data: { id: string }[];
    };
    expect(found.data.map((hit) => hit.id)).toEqual([kept]);
    // Nothing left to drop: a second run finds no lost words.
    expect(await modules.search.service.pruneWords()).toBe(0);
  });

  it('keeps the evaluations and disputes of a deleted recording readable, marked, to those who could see them', async () => {
    const [disputedOne, draftedOne] = (
      await ctx.db.query<{ id: string }>(
        `select a.id::text as id from activities a join users u on u.id = a.user_id
         where u.username = 'agent2' and a.activity_type = 27 order by a.id offset 2 limit 2`,
      )
    ).rows.map((row) => row.id) as [string, string];
    const scorecard = ((await call('GET', '/api/scorecards', 'qa')).json() as { data: { id: string }[] })
      .data[0]!.id;
    type Shown = { version: number; score: number | null; status: string; recordingDeletedAt: string | null };
    const submitted = await submitEvaluation(
      (method, url, payload) => call(method, url, 'qa', payload),
      disputedOne,
      scorecard,
    );
    const disputed = await call('POST', `/api/evaluations/${submitted.id}/dispute`, 'agent2', {
      reason: 'Listen again',
    });
    expect(disputed.statusCode, disputed.body).toBe(200);
    const created = await call('POST', `/api/activities/${draftedOne}/evaluations`, 'qa', {
      scorecardId: scorecard,
    });
    expect(created.statusCode, created.body).toBe(201);
    const draft = (created.json() as { data: Shown & { id: string; scorecard: ScorecardCriteria } }).data;
    const before = (await call('GET', `/api/evaluations/${submitted.id}`, 'agent2')).json() as {
      data: Shown;
    };
    expect(before.data.recordingDeletedAt).toBeNull();

    for (const activityId of [disputedOne, draftedOne]) {
      const deleted = await call('DELETE', `/api/activities/${activityId}?reason=subject%20request`, 'admin');
      expect(deleted.statusCode, deleted.body).toBe(204);
    }

    // The agent still reads the evaluation of their call, as it was, with when the recording went.
    const after = await call('GET', `/api/evaluations/${submitted.id}`, 'agent2');
    expect(after.statusCode, after.body).toBe(200);
    const kept = (after.json() as { data: Shown }).data;
    expect(kept).toMatchObject({
      status: 'disputed',
      score: before.data.score,
      version: before.data.version,
    });
    expect(Date.parse(kept.recordingDeletedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect((await call('GET', `/api/evaluations/${submitted.id}/history`, 'agent2')).statusCode).toBe(200);
    // Nobody who could not see the recording sees what is left of it; its own page is gone.
    expect((await call('GET', `/api/evaluations/${submitted.id}`, 'agent')).statusCode).toBe(404);
    expect((await call('GET', `/api/activities/${disputedOne}/evaluations`, 'qa')).statusCode).toBe(404);

    // The open dispute is still listed, marked, and can be resolved.
    const open = (await call('GET', '/api/disputes?status=open', 'qa')).json() as {
      data: { id: string; evaluationId: string; recordingDeletedAt: string | null }[];
    };
    const listed = open.data.find((item) => item.evaluationId === submitted.id);
    expect(listed?.recordingDeletedAt).toBe(kept.recordingDeletedAt);
    const resolved = await call('POST', `/api/disputes/${listed!.id}/resolve`, 'qa', {
      outcome: 'upheld',
      comment: 'Stands',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);

    // A draft of a deleted recording is kept as it was: readable by its author, no longer changed.
    const drafted = await call('GET', `/api/evaluations/${draft.id}`, 'qa');
    expect((drafted.json() as { data: Shown }).data).toMatchObject({
      status: 'draft',
      version: draft.version,
    });
    const edit = await call('PUT', `/api/evaluations/${draft.id}`, 'qa', {
      version: draft.version,
      ratings: everyCriterionRated(draft.scorecard),
    });
    expect(edit.statusCode, edit.body).toBe(409);
    expect((edit.json() as { description: string }).description).toMatch(/recording deleted/);
    expect((await call('POST', `/api/evaluations/${draft.id}/submit`, 'qa', {})).statusCode).toBe(409);
    const unchanged = (await call('GET', `/api/evaluations/${draft.id}`, 'qa')).json() as { data: Shown };
    expect(unchanged.data.version).toBe(draft.version);
  });

  it('keeps a conversation or agent hold on every recording it covers', async () => {
    const hold = await call('POST', '/api/holds', 'admin', {
      agent: 'agent',
      reason: 'agent under investigation',
    });
    expect(hold.statusCode).toBe(201);
    const refused = await call('DELETE', `/api/activities/${recent}?reason=x`, 'admin');
    expect(refused.statusCode).toBe(409);
    expect((refused.json() as { description: string }).description).toMatch(/on agent/);
  });

  it('lets only admins delete, hold or set retention', async () => {
    expect((await call('DELETE', `/api/activities/${recent}?reason=x`, 'qa')).statusCode).toBe(403);
    expect((await call('DELETE', `/api/activities/${recent}?reason=x`, 'agent2')).statusCode).toBe(404);
    expect((await call('POST', '/api/holds', 'qa', { activityId: recent, reason: 'x' })).statusCode).toBe(
      403,
    );
    expect((await call('PUT', `/api/teams/${team}/retention`, 'qa', { days: 1 })).statusCode).toBe(403);
    expect((await call('POST', '/api/retention/run', 'qa')).statusCode).toBe(403);
    expect((await call('DELETE', `/api/activities/${recent}`, 'admin')).statusCode).toBe(400);
    expect((await call('PUT', `/api/teams/${team}/retention`, 'admin', { days: 0 })).statusCode).toBe(400);
    expect(await ctx.storage.stat(mediaKey(recent))).not.toBeNull();
  });
});
