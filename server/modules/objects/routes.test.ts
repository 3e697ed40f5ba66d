// Creating conversations: idempotent on externalId (also under concurrency), who may create and edit
// them, bad fields, and POST /api/recordings finding or creating its object in the same transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelopeSchema } from '../../../contract/envelope';
import { authService } from '../auth/service';
import { createTestApp, databaseKinds, type TestContext } from '../../test/harness';

const description = (response: { json(): unknown }) => errorEnvelopeSchema.parse(response.json()).description;
type Data<T> = { data: T };

describe.each(databaseKinds())('creating conversations on %s', (kind) => {
  let ctx: TestContext;
  const keys: Record<string, string> = {};
  let agentTeam: string;
  let agent2Team: string;
  let agentObject: string;
  beforeAll(async () => {
    ctx = await createTestApp(kind);
    const auth = authService(ctx.db, { sessionTtlSeconds: 3600 });
    for (const user of ['admin', 'agent', 'agent2', 'qa'])
      keys[user] = (await auth.createApiKey(user, 't'))!.key;
    const teamOf = async (username: string) =>
      (
        await ctx.db.query<{ id: string; object: string }>(
          `select o.team_id::text as id, o.id::text as object from objects o join users u on u.id = o.agent_id
           where u.username = $1 order by o.id limit 1`,
          [username],
        )
      ).rows[0]!;
    ({ id: agentTeam, object: agentObject } = await teamOf('agent'));
    agent2Team = (await teamOf('agent2')).id;
  });
  afterAll(() => ctx?.close());

  const api = (as: string, method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object) =>
    ctx.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${keys[as]}` },
      ...(payload ? { payload } : {}),
    });
  const objectsWith = async (externalId: string) =>
    (
      await ctx.db.query<{ id: string }>('select id::text as id from objects where external_id = $1', [
        externalId,
      ])
    ).rows;

  it('answers 201 once and the same object again for the same externalId', async () => {
    const body = { externalId: 'crm-1', title: 'Billing question', team: agentTeam, agent: 'agent' };
    const first = await api('admin', 'POST', '/api/objects', body);
    expect(first.statusCode, first.body).toBe(201);
    const object = (first.json() as Data<{ objectId: string }>).data;
    expect(object).toMatchObject({
      externalId: 'crm-1',
      title: 'Billing question',
      team: { id: agentTeam },
      agent: { username: 'agent' },
    });
    const again = await api('admin', 'POST', '/api/objects', { ...body, title: 'Another title' });
    expect(again.statusCode).toBe(200);
    expect((again.json() as Data<{ objectId: string; title: string }>).data).toMatchObject({
      objectId: object.objectId,
      title: 'Billing question',
    });
  });

  it('creates one object when two creates with the same externalId race', async () => {
    const body = { externalId: 'crm-race', title: 'Race', team: agentTeam, agent: 'agent' };
    const answers = await Promise.all([
      api('admin', 'POST', '/api/objects', body),
      api('admin', 'POST', '/api/objects', body),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 201]);
    const ids = answers.map((answer) => (answer.json() as Data<{ objectId: string }>).data.objectId);
    expect(ids[0]).toBe(ids[1]);
    expect(await objectsWith('crm-race')).toHaveLength(1);

    // Two recordings of a new conversation at once: both on the one object.
    const recording = (externalId: string) => ({
      object: { externalId: 'crm-race-2', title: 'Race 2', team: agentTeam, agent: 'agent' },
      agent: 'agent',
      externalId,
    });
    const recordings = await Promise.all([
      api('admin', 'POST', '/api/recordings', recording('race-a')),
      api('admin', 'POST', '/api/recordings', recording('race-b')),
    ]);
    expect(recordings.map((answer) => answer.statusCode)).toEqual([201, 201]);
    const objects = recordings.map((answer) => (answer.json() as Data<{ objectId: string }>).data.objectId);
    expect(objects[0]).toBe(objects[1]);
    expect(await objectsWith('crm-race-2')).toHaveLength(1);
  });

  it('lets an agent create their own conversation in their team, and nothing else', async () => {
    const own = await api('agent', 'POST', '/api/objects', {
      externalId: 'walk-in-1',
      title: 'Walk-in customer',
      team: agentTeam,
      agent: 'agent',
    });
    expect(own.statusCode, own.body).toBe(201);
    const forOther = await api('agent', 'POST', '/api/objects', {
      title: 'X',
      team: agentTeam,
      agent: 'agent2',
    });
    expect(forOther.statusCode).toBe(403);
    expect(description(forOther)).toMatch(/^agent: agents create conversations only for themselves/);
    const otherTeam = await api('agent', 'POST', '/api/objects', {
      title: 'X',
      team: agent2Team,
      agent: 'agent',
    });
    expect(otherTeam.statusCode).toBe(403);
    expect(description(otherTeam)).toMatch(/^team:/);
    expect(
      (await api('qa', 'POST', '/api/objects', { title: 'X', team: agentTeam, agent: 'qa' })).statusCode,
    ).toBe(403);
    // An externalId taken by a conversation the agent cannot see is not revealed, nor reused.
    const taken = await api('agent2', 'POST', '/api/objects', {
      externalId: 'walk-in-1',
      title: 'Mine',
      team: agent2Team,
      agent: 'agent2',
    });
    expect(taken.statusCode).toBe(409);
  });

  it('answers 400 naming the field', async () => {
    const cases = [
      [{ team: agentTeam, agent: 'agent' }, /^title/],
      [{ title: ' ', team: agentTeam, agent: 'agent' }, /^title/],
      [{ title: 'T', team: 'sales', agent: 'agent' }, /^team/],
      [{ title: 'T', team: '999999', agent: 'agent' }, /^team: there is no team 999999/],
      [{ title: 'T', team: agentTeam, agent: 'nobody' }, /^agent: there is no active user "nobody"/],
      [{ title: 'T', team: agentTeam, agent: 'agent', externalId: '' }, /^externalId/],
    ] as const;
    for (const [payload, field] of cases) {
      const response = await api('admin', 'POST', '/api/objects', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(description(response)).toMatch(field);
    }
    const both = await api('admin', 'POST', '/api/recordings', {
      objectId: agentObject,
      object: { externalId: 'x', title: 'T', team: agentTeam, agent: 'agent' },
      agent: 'agent',
    });
    expect(both.statusCode).toBe(400);
    expect(description(both)).toMatch(/^objectId: send either objectId or object/);
    const neither = await api('admin', 'POST', '/api/recordings', { agent: 'agent' });
    expect(neither.statusCode).toBe(400);
    const noExternalId = await api('admin', 'POST', '/api/recordings', {
      object: { title: 'T', team: agentTeam, agent: 'agent' },
      agent: 'agent',
    });
    expect(noExternalId.statusCode).toBe(400);
    expect(description(noExternalId)).toMatch(/^object\.externalId/);
  });

  it('creates the object and its recording in one transaction', async () => {
    const object = { externalId: 'crm-tx', title: 'Delivery', team: agentTeam, agent: 'agent' };
    const refused = await api('admin', 'POST', '/api/recordings', { object, agent: 'nobody' });
    expect(refused.statusCode).toBe(400);
    expect(await objectsWith('crm-tx')).toHaveLength(0);

    const created = await api('agent', 'POST', '/api/recordings', { object, agent: 'agent' });
    expect(created.statusCode, created.body).toBe(201);
    const [row] = await objectsWith('crm-tx');
    expect((created.json() as Data<{ objectId: string }>).data.objectId).toBe(row!.id);
    const listed = (await api('agent', 'GET', '/api/objects')).json() as Data<
      { objectId: string; title: string }[]
    >;
    expect(listed.data).toContainEqual(expect.objectContaining({ objectId: row!.id, title: 'Delivery' }));
  });

  it('edits a conversation (admins), 403 for its agent and 404 for those who cannot see it', async () => {
    const edited = await api('admin', 'PATCH', `/api/objects/${agentObject}`, { title: 'Renamed' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ data: { objectId: agentObject, title: 'Renamed' } });
    expect((await api('agent', 'PATCH', `/api/objects/${agentObject}`, { title: 'Mine' })).statusCode).toBe(
      403,
    );
    expect((await api('agent2', 'PATCH', `/api/objects/${agentObject}`, { title: 'Mine' })).statusCode).toBe(
      404,
    );
    const clash = await api('admin', 'PATCH', `/api/objects/${agentObject}`, { externalId: 'crm-1' });
    expect(clash.statusCode).toBe(409);
    expect(description(clash)).toMatch(/^externalId/);
  });
});
