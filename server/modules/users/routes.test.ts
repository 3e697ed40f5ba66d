// The first administrator's setup link, users and teams, set-password links and deactivation, on both
// databases through the real app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelopeSchema } from '../../../contract/envelope';
import { accessControl } from '../access/service';
import { authService } from '../auth/service';
import { createTestApp, databaseKinds, signIn, type TestContext } from '../../test/harness';
import { usersService } from './service';

const PASSWORD = 'correct horse battery';
const description = (response: { json(): unknown }) => errorEnvelopeSchema.parse(response.json()).description;

describe.each(databaseKinds())('from zero: the setup link on %s', (kind) => {
  let ctx: TestContext;
  const setupLink = () =>
    usersService({
      db: ctx.db,
      access: accessControl(ctx.db),
      auth: authService(ctx.db, { sessionTtlSeconds: 60 }),
      publicUrl: ctx.config.publicUrl,
    }).issueSetupLink();
  beforeAll(async () => {
    ctx = await createTestApp(kind, { seed: false });
  });
  afterAll(() => ctx?.close());

  const setup = (token: string, username = 'root') =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token, username, firstName: 'Ada', lastName: 'Admin', password: PASSWORD },
    });

  it('creates the first administrator once, signs them in, and is refused afterwards', async () => {
    const replaced = (await setupLink())!;
    const link = (await setupLink())!;
    expect(link).toMatch(new RegExp(`^${ctx.config.publicUrl}/setup/[\\w-]{40,}$`));
    // A new start makes a new link: the previous one no longer works.
    expect((await setup(replaced.split('/').pop()!)).statusCode).toBe(404);

    const tooShort = await ctx.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token: link.split('/').pop(), username: 'root', firstName: 'Ada', password: 'short' },
    });
    expect(tooShort.statusCode).toBe(400);
    expect(description(tooShort)).toMatch(/^(lastName|password)/);

    const created = await setup(link.split('/').pop()!);
    expect(created.statusCode, created.body).toBe(200);
    const cookie = created.cookies.find((c) => c.name === 'tapeline_session')!;
    const me = await ctx.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: `tapeline_session=${cookie.value}` },
    });
    expect(me.json()).toMatchObject({ data: { user: { username: 'root', role: 'admin' } } });

    const again = await setup(link.split('/').pop()!, 'root2');
    expect(again.statusCode).toBe(404);
    expect(description(again)).toMatch(/used/);
    // With an administrator, no link is made at start.
    expect(await setupLink()).toBeNull();
  });
});

describe.each(databaseKinds())('users and teams on %s', (kind) => {
  let ctx: TestContext;
  let adminKey: string;
  beforeAll(async () => {
    ctx = await createTestApp(kind);
    adminKey = (await authService(ctx.db, { sessionTtlSeconds: 3600 }).createApiKey('admin', 't'))!.key;
  });
  afterAll(() => ctx?.close());

  const as = (key: string) => ({ authorization: `Bearer ${key}` });
  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, key = adminKey) =>
    ctx.app.inject({ method, url, headers: as(key), ...(payload ? { payload } : {}) });

  it('creates a team and a user who sets their password once through the link, then signs in', async () => {
    const team = await api('POST', '/api/teams', { name: 'Night shift' });
    expect(team.statusCode).toBe(201);
    const teamId = (team.json() as { data: { id: string } }).data.id;
    expect((await api('POST', '/api/teams', { name: 'Night shift' })).statusCode).toBe(409);
    expect((await api('GET', '/api/teams')).json()).toMatchObject({
      data: expect.arrayContaining([{ id: teamId, name: 'Night shift' }]),
    });

    const created = await api('POST', '/api/users', {
      username: 'nora',
      firstName: 'Nora',
      lastName: 'Night',
      role: 'agent',
      teams: [teamId],
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, setPasswordUrl } = (created.json() as { data: { id: string; setPasswordUrl: string } }).data;
    expect(setPasswordUrl).toMatch(new RegExp(`^${ctx.config.publicUrl}/set-password/`));
    const listed = (await api('GET', '/api/users')).json() as { data: { id: string }[] };
    expect(listed.data.find((user) => user.id === id)).toMatchObject({
      username: 'nora',
      firstName: 'Nora',
      role: 'agent',
      teams: [{ id: teamId, name: 'Night shift' }],
      active: true,
      hasPassword: false,
    });

    const token = setPasswordUrl.split('/').pop();
    const short = await ctx.app.inject({
      method: 'POST',
      url: '/api/set-password',
      payload: { token, password: 'x' },
    });
    expect(short.statusCode).toBe(400);
    expect(description(short)).toMatch(/^password: password must be at least 10 characters/);
    const set = await ctx.app.inject({
      method: 'POST',
      url: '/api/set-password',
      payload: { token, password: PASSWORD },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ data: { user: { username: 'nora', role: 'agent' } } });
    const reused = await ctx.app.inject({
      method: 'POST',
      url: '/api/set-password',
      payload: { token, password: 'another long password' },
    });
    expect(reused.statusCode).toBe(404);
    await signIn(ctx.app, 'nora', PASSWORD);
  });

  it('refuses an expired set-password link', async () => {
    const created = await api('POST', '/api/users', { username: 'late', firstName: 'Lee', role: 'trainer' });
    const token = (created.json() as { data: { setPasswordUrl: string } }).data.setPasswordUrl
      .split('/')
      .pop();
    await ctx.db.query(
      `update one_time_links set expires_at = now() - interval '1 second' where user_id = $1`,
      [(created.json() as { data: { id: string } }).data.id],
    );
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/set-password',
      payload: { token, password: PASSWORD },
    });
    expect(response.statusCode).toBe(404);
    expect(description(response)).toMatch(/expired/);
  });

  it('answers 400 naming the field, and 409 for a taken username', async () => {
    const bad = [
      [{ firstName: 'No', role: 'agent' }, /^username/],
      [{ username: 'Bad Name', firstName: 'No', role: 'agent' }, /^username/],
      [{ username: 'ok', firstName: 'No', role: 'boss' }, /^role/],
      [{ username: 'ok', firstName: 'No', role: 'agent', teams: ['x'] }, /^teams/],
      [
        { username: 'ok', firstName: 'No', role: 'agent', teams: ['999999'] },
        /^teams: there is no team 999999/,
      ],
    ] as const;
    for (const [payload, field] of bad) {
      const response = await api('POST', '/api/users', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(description(response)).toMatch(field);
    }
    const taken = await api('POST', '/api/users', { username: 'qa', firstName: 'Q', role: 'agent' });
    expect(taken.statusCode).toBe(409);
    expect(description(taken)).toMatch(/^username: "qa" is taken/);
    expect((await api('PATCH', '/api/users/999999', { role: 'agent' })).statusCode).toBe(404);
  });

  it('deactivation ends the user’s sessions and API keys on their next request', async () => {
    const agent = (
      (await api('GET', '/api/users')).json() as { data: { id: string; username: string }[] }
    ).data.find((user) => user.username === 'agent2')!;
    const key = (await authService(ctx.db, { sessionTtlSeconds: 3600 }).createApiKey('agent2', 't'))!.key;
    const session = await signIn(ctx.app, 'agent2');
    expect((await api('GET', '/api/me', undefined, key)).statusCode).toBe(200);

    const changed = await api('PATCH', `/api/users/${agent.id}`, { active: false });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ data: { active: false } });

    expect((await api('GET', '/api/me', undefined, key)).statusCode).toBe(401);
    const bySession = await ctx.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: session.cookie },
    });
    expect(bySession.statusCode).toBe(401);
    await expect(signIn(ctx.app, 'agent2')).rejects.toThrow(/failed/);
    // Reactivated, they sign in again; the old key stays revoked.
    await api('PATCH', `/api/users/${agent.id}`, { active: true });
    await signIn(ctx.app, 'agent2');
    expect((await api('GET', '/api/me', undefined, key)).statusCode).toBe(401);
  });

  it('changes role and teams, and keeps the last administrator', async () => {
    const users = ((await api('GET', '/api/users')).json() as { data: { id: string; username: string }[] })
      .data;
    const trainer = users.find((user) => user.username === 'trainer')!;
    const admin = users.find((user) => user.username === 'admin')!;
    const changed = await api('PATCH', `/api/users/${trainer.id}`, { role: 'supervisor', teams: [] });
    expect(changed.json()).toMatchObject({ data: { role: 'supervisor', teams: [] } });
    const demoted = await api('PATCH', `/api/users/${admin.id}`, { role: 'agent' });
    expect(demoted.statusCode).toBe(409);
    expect(description(demoted)).toMatch(/last active administrator/);
  });

  it('is for administrators only', async () => {
    const qaKey = (await authService(ctx.db, { sessionTtlSeconds: 3600 }).createApiKey('qa', 't'))!.key;
    for (const [method, url] of [
      ['GET', '/api/users'],
      ['POST', '/api/teams'],
    ] as const) {
      const response = await api(method, url, method === 'POST' ? { name: 'X' } : undefined, qaKey);
      expect(response.statusCode).toBe(403);
      expect(description(response)).toBe('Only admins manage users and teams.');
    }
  });
});
