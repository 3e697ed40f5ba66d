// Administration leaves its trail: creating a user or a team, changing a user's role or teams,
// deactivating and reactivating them, and making or revoking an API key each write exactly one audit
// entry naming who did it and to what, on both databases through the real app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../contract/audit';
import { authService } from '../auth/service';
import { createTestApp, databaseKinds, signIn, type TestContext } from '../../test/harness';
import { usersRepo } from './repo';

const PASSWORD = 'correct horse battery';

describe.each(databaseKinds())('auditing administration on %s', (kind) => {
  let ctx: TestContext;
  let admin: { cookie: string; csrfToken: string };
  let agent: { cookie: string; csrfToken: string };

  beforeAll(async () => {
    ctx = await createTestApp(kind, { seed: false });
    const repo = usersRepo(ctx.db);
    const hasher = authService(ctx.db, { sessionTtlSeconds: 3600 }).hasher;
    for (const [username, role] of [
      ['root', 'admin'],
      ['dana', 'agent'],
    ] as const) {
      const id = (await repo.insert({ username, firstName: username, lastName: '', role }))!;
      await repo.setPassword(id, await hasher.hash(PASSWORD));
    }
    admin = await signIn(ctx.app, 'root', PASSWORD);
    agent = await signIn(ctx.app, 'dana', PASSWORD);
  });
  afterAll(() => ctx?.close());

  const call = (
    as: { cookie: string; csrfToken: string },
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    ctx.app.inject({
      method,
      url,
      headers: { cookie: as.cookie, 'x-csrf-token': as.csrfToken, 'user-agent': 'admin-audit-test' },
      ...(payload ? { payload } : {}),
    });

  async function created(response: { statusCode: number; body: string; json(): unknown }) {
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { data: { id: string } }).data.id;
  }

  async function entries(query: string): Promise<AuditEntry[]> {
    const response = await call(admin, 'GET', `/api/audit?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { data: AuditEntry[] }).data;
  }

  /** The one entry for `action` on `resourceId`; fails if there are none or several. */
  async function theEntry(action: string, resourceId: string) {
    const found = await entries(`action=${action}&resourceId=${resourceId}`);
    expect(found, `${action} ${resourceId}`).toHaveLength(1);
    return found[0]!;
  }

  it('records a team created, and a refused duplicate as a failure', async () => {
    const team = await created(await call(admin, 'POST', '/api/teams', { name: 'Night shift' }));
    expect(await theEntry('team.created', team)).toMatchObject({
      actor: { username: 'root', apiKeyId: null },
      resource: { type: 'team', id: team },
      outcome: 'success',
      ip: '127.0.0.1',
      userAgent: 'admin-audit-test',
      details: { name: 'Night shift' },
    });
    expect((await call(admin, 'POST', '/api/teams', { name: 'Night shift' })).statusCode).toBe(409);
    const all = await entries('action=team.created');
    expect(all.map((entry) => entry.outcome)).toEqual(['failure', 'success']);
    expect(all[0]).toMatchObject({ resource: null, details: { name: 'Night shift' } });
  });

  it('records a user created, each change of role or teams, deactivation and reactivation once', async () => {
    const team = await created(await call(admin, 'POST', '/api/teams', { name: 'Billing' }));
    const creation = await call(admin, 'POST', '/api/users', {
      username: 'nora',
      firstName: 'Nora',
      role: 'agent',
      teams: [team],
    });
    const user = await created(creation);
    const createdEntry = await theEntry('user.created', user);
    expect(createdEntry).toMatchObject({
      actor: { username: 'root' },
      resource: { type: 'user', id: user },
      details: { username: 'nora', role: 'agent', teams: [team] },
    });
    // The one-time link is a credential: it never goes into the trail.
    const link = (creation.json() as { data: { setPasswordUrl: string } }).data.setPasswordUrl;
    expect(JSON.stringify(createdEntry)).not.toContain(link.split('/').pop());

    const patch = async (changes: object) => {
      const response = await call(admin, 'PATCH', `/api/users/${user}`, changes);
      expect(response.statusCode, response.body).toBe(200);
    };
    await patch({ role: 'supervisor' });
    await patch({ teams: [] });
    await patch({ active: false });
    await patch({ active: true });

    const updates = await entries(`action=user.updated&resourceId=${user}`);
    expect(updates.map((entry) => entry.details).reverse()).toEqual([
      { role: 'supervisor' },
      { teams: [] },
      { active: true },
    ]);
    expect(updates.every((entry) => entry.actor?.username === 'root')).toBe(true);
    expect(await theEntry('user.deactivated', user)).toMatchObject({
      actor: { username: 'root' },
      resource: { type: 'user', id: user },
      details: { active: false },
    });
    expect(await entries(`action=user.*&resourceId=${user}`)).toHaveLength(5);
  });

  it('records an API key an administrator makes for a user, without the key', async () => {
    const users = (await call(admin, 'GET', '/api/users')).json() as {
      data: { id: string; username: string }[];
    };
    const dana = users.data.find((user) => user.username === 'dana')!.id;
    const response = await call(admin, 'POST', `/api/users/${dana}/api-keys`, { name: 'crm' });
    const keyId = await created(response);
    const entry = await theEntry('apikey.created', keyId);
    expect(entry).toMatchObject({
      actor: { username: 'root' },
      resource: { type: 'apikey', id: keyId },
      details: { user: dana, name: 'crm' },
    });
    expect(JSON.stringify(entry)).not.toContain((response.json() as { data: { key: string } }).data.key);
  });

  it('records the keys a person makes and revokes from their profile, as that person', async () => {
    const keyId = await created(await call(agent, 'POST', '/api/me/api-keys', { name: 'laptop' }));
    expect(await theEntry('apikey.created', keyId)).toMatchObject({
      actor: { username: 'dana' },
      resource: { type: 'apikey', id: keyId },
      details: { name: 'laptop' },
    });
    expect((await call(agent, 'DELETE', `/api/me/api-keys/${keyId}`)).statusCode).toBe(200);
    expect(await theEntry('apikey.revoked', keyId)).toMatchObject({
      actor: { username: 'dana' },
      resource: { type: 'apikey', id: keyId },
      outcome: 'success',
    });
  });
});
