// The audit trail end to end: every audited action leaves exactly one entry naming its actor and
// resource; a play of 40 range requests is one entry; `verify` finds an edited row; only admins read it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../contract/audit';
import { submitEvaluation } from '../../test/evaluations';
import { createTestApp, databaseKinds, type TestContext } from '../../test/harness';
import { authService } from '../auth/service';
import { buildModules } from '..';
import { consoleLog } from '../../lib/log';

describe.each(databaseKinds())('the audit trail on %s', (kind) => {
  let ctx: TestContext;
  const keys: Record<string, string> = {};
  let recording: string;
  let objectId: string;

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    const auth = authService(ctx.db, { sessionTtlSeconds: 3600 });
    for (const user of ['admin', 'qa', 'agent', 'supervisor'])
      keys[user] = (await auth.createApiKey(user, 'test'))!.key;
    const row = (
      await ctx.db.query<{ id: string; objectId: string }>(
        `select a.id::text as id, a.object_id::text as "objectId" from activities a
         join objects o on o.id = a.object_id join users u on u.id = o.agent_id
         where u.username = 'agent' and a.activity_type = 27 order by a.id limit 1`,
      )
    ).rows[0]!;
    recording = row.id;
    objectId = row.objectId;
    // Building the app with the demo data takes long on a loaded machine (PGlite runs in this process).
  }, 240_000);
  afterAll(() => ctx?.close());

  const call = (method: string, url: string, as: string | null, payload?: object) =>
    ctx.app.inject({
      method: method as 'GET',
      url,
      headers: as ? { authorization: `Bearer ${keys[as]}` } : {},
      ...(payload ? { payload } : {}),
    });

  async function entries(query: string): Promise<AuditEntry[]> {
    const response = await call('GET', `/api/audit?${query}`, 'admin');
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { data: AuditEntry[] }).data;
  }

  /** The one entry for `action` on `resourceId`; fails if there are none or several. */
  async function theEntry(action: string, resourceId?: string) {
    const found = await entries(`action=${action}${resourceId ? `&resourceId=${resourceId}` : ''}`);
    expect(found, `${action} ${resourceId ?? ''}`).toHaveLength(1);
    return found[0]!;
  }

  async function signIn(username: string) {
    const response = await call('POST', '/api/auth/login', null, { username, password: 'tapeline' });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'tapeline_session')!;
    return `tapeline_session=${cookie.value}`;
  }

  it('records sign-ins, succeeded and failed, with the address and user agent', async () => {
    await signIn('supervisor');
    const failed = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'user-agent': 'audit-test' },
      payload: { username: 'supervisor', password: 'wrong' },
    });
    expect(failed.statusCode).toBe(401);
    const ok = await entries('actor=supervisor&action=auth.login_succeeded');
    expect(ok).toHaveLength(1);
    expect(ok[0]).toMatchObject({ outcome: 'success', ip: '127.0.0.1', actor: { username: 'supervisor' } });
    const bad = await entries('actor=supervisor&action=auth.login_failed');
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ outcome: 'denied', userAgent: 'audit-test', actor: { id: null } });
  });

  it('records a recording page view, naming the API key that made it', async () => {
    expect((await call('POST', `/api/activities/${recording}/views`, 'qa')).statusCode).toBe(204);
    const entry = await theEntry('recording.viewed', recording);
    expect(entry.actor).toMatchObject({ username: 'qa' });
    expect(entry.actor?.apiKeyId).toMatch(/^\d+$/);
    expect(entry.resource).toEqual({ type: 'recording', id: recording });
  });

  it('records one play for a player session of 40 range requests, and a download apart from it', async () => {
    const cookie = await signIn('qa');
    const activities = await call('GET', `/api/objects/${objectId}/activities?activityType=27`, 'qa');
    const url = new URL(
      (activities.json() as { data: { id: string; recordingUrl: string }[] }).data.find(
        (a) => a.id === recording,
      )!.recordingUrl,
    );
    const playUrl = `${url.pathname}${url.search}&play=session-${kind}-0001`;
    for (let i = 0; i < 40; i += 1) {
      const range = await ctx.app.inject({
        method: 'GET',
        url: playUrl,
        headers: { cookie, range: `bytes=${i * 100}-${i * 100 + 99}` },
      });
      expect(range.statusCode).toBe(206);
    }
    const play = await theEntry('media.played');
    expect(play.actor).toMatchObject({ username: 'qa' });
    expect(play.resource?.type).toBe('recording');

    const download = await ctx.app.inject({
      method: 'GET',
      url: `/api/activities/${recording}/download`,
      headers: { cookie },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="recording-\d+\.\w+"$/);
    expect(download.rawPayload.length).toBeGreaterThan(1000);
    expect((await theEntry('media.downloaded', recording)).actor).toMatchObject({ username: 'qa' });
    expect(await entries('action=media.played')).toHaveLength(1);
  });

  it('records every annotation, evaluation and dispute change once', async () => {
    const annotation = await call('POST', `/api/activities/${recording}/annotations`, 'qa', {
      startSeconds: 1,
      text: 'x',
    });
    const annotationId = (annotation.json() as { data: { id: string } }).data.id;
    await call('PATCH', `/api/annotations/${annotationId}`, 'qa', { text: 'y' });
    await call('DELETE', `/api/annotations/${annotationId}`, 'qa');
    for (const action of ['annotation.created', 'annotation.updated', 'annotation.deleted']) {
      expect((await theEntry(action, annotationId)).actor?.username).toBe('qa');
    }

    const scorecard = ((await call('GET', '/api/scorecards', 'qa')).json() as { data: { id: string }[] })
      .data[0]!.id;
    const evaluation = await submitEvaluation(
      (method, url, payload) => call(method, url, 'qa', payload),
      recording,
      scorecard,
    );
    const disputed = await call('POST', `/api/evaluations/${evaluation.id}/dispute`, 'agent', {
      reason: 'no',
    });
    const dispute = (disputed.json() as { data: { disputes: { id: string }[] } }).data.disputes[0]!.id;
    await call('POST', `/api/disputes/${dispute}/resolve`, 'qa', { outcome: 'upheld', comment: 'stands' });

    for (const action of ['evaluation.created', 'evaluation.updated', 'evaluation.submitted']) {
      expect((await theEntry(action, evaluation.id)).actor?.username).toBe('qa');
    }
    expect((await theEntry('dispute.raised', evaluation.id)).actor?.username).toBe('agent');
    expect((await theEntry('dispute.resolved', dispute)).actor?.username).toBe('qa');
    expect(await entries(`action=evaluation.*&resourceId=${evaluation.id}`)).toHaveLength(3);
  });

  it('records holds, retention changes and deletions, and pages by keyset', async () => {
    const hold = await call('POST', '/api/holds', 'admin', { objectId, reason: 'litigation' });
    const holdId = (hold.json() as { data: { id: string } }).data.id;
    await call('DELETE', `/api/holds/${holdId}`, 'admin');
    expect((await theEntry('hold.set', holdId)).details).toMatchObject({ objectId, reason: 'litigation' });
    expect((await theEntry('hold.released', holdId)).actor?.username).toBe('admin');

    const team = (
      await ctx.db.query<{ id: string }>('select team_id::text as id from objects where id = $1', [objectId])
    ).rows[0]!.id;
    await call('PUT', `/api/teams/${team}/retention`, 'admin', { days: 365 });
    expect((await theEntry('retention.changed', team)).details).toEqual({ days: 365 });
    await call('PUT', `/api/teams/${team}/retention`, 'admin', { days: null });

    const deleted = await call(
      'DELETE',
      `/api/activities/${recording}?reason=${encodeURIComponent('subject request 7')}`,
      'admin',
    );
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect((await theEntry('recording.deleted', recording)).details).toEqual({ reason: 'subject request 7' });

    // Keyset pages: every entry once, newest first.
    const all = await entries('limit=500');
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const response = await call(
        'GET',
        `/api/audit?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        'admin',
      );
      const page = response.json() as { data: AuditEntry[]; nextCursor: string | null };
      seen.push(...page.data.map((entry) => entry.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.map((entry) => entry.id));

    const csv = await call('GET', '/api/audit.csv?action=hold.*', 'admin');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"hold.released"');
  });

  it('keeps an entry whose recorded input PostgreSQL could not store as sent, and still exports', async () => {
    // What a hostile client sends (a NUL, a lone surrogate) must never keep a batch out of the trail.
    const { trail } = buildModules({
      config: ctx.config,
      db: ctx.db,
      storage: ctx.storage,
      signingSecret: ctx.signingSecret,
      log: consoleLog,
    }).audit;
    await trail.recordNow({
      action: 'search.run',
      actor: null,
      userAgent: 'agent\u0000smith',
      details: { filters: { q: 'refund\u0000', ['k\ud800']: ['\udc00'] } },
    });
    const [entry] = await entries('action=search.run');
    expect(entry).toMatchObject({
      userAgent: 'agent\uFFFDsmith',
      details: { filters: { q: 'refund\uFFFD', 'k\uFFFD': ['\uFFFD'] } },
    });
    const csv = await call('GET', '/api/audit.csv', 'admin');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('agent\uFFFDsmith');
  });

  it('is for admins only: others are told so (403)', async () => {
    for (const user of ['qa', 'agent', 'supervisor']) {
      expect((await call('GET', '/api/audit', user)).statusCode).toBe(403);
      expect((await call('GET', '/api/audit.csv', user)).statusCode).toBe(403);
    }
    expect((await call('GET', '/api/audit', null)).statusCode).toBe(401);
  });

  it('verify walks the chain and reports the first edited entry', async () => {
    const modules = buildModules({
      config: ctx.config,
      db: ctx.db,
      storage: ctx.storage,
      signingSecret: ctx.signingSecret,
      log: consoleLog,
    });
    const intact = await modules.audit.service.verify();
    expect(intact.firstBroken).toBeNull();
    expect(intact.checked).toBeGreaterThan(10);

    // The table refuses changes; someone with the power to turn that off edits an entry anyway.
    await expect(ctx.db.query(`update audit_log set outcome = 'denied' where id = 5`)).rejects.toThrow(
      /append-only/,
    );
    await ctx.db.query('alter table audit_log disable trigger audit_log_append_only');
    await ctx.db.query(`update audit_log set actor_username = 'someone-else' where id = 7`);
    await ctx.db.query('alter table audit_log enable trigger audit_log_append_only');
    const broken = await modules.audit.service.verify();
    expect(broken.checked).toBe(6);
    expect(broken.firstBroken).toMatchObject({ id: '7' });
    expect(broken.firstBroken?.reason).toMatch(/changed/);
  });
});
