import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeySchema, createdApiKeySchema } from '../../../contract/account';
import { envelopeSchema, errorEnvelopeSchema } from '../../../contract/envelope';
import { createTestApp, databaseKinds, signIn, type TestContext } from '../../test/harness';
import { z } from '../../../contract/zod';

const created = envelopeSchema(createdApiKeySchema);
const listed = envelopeSchema(z.array(apiKeySchema));

describe.each(databaseKinds())('your own account (API keys, password) on %s', (kind) => {
  let ctx: TestContext;
  let as: (username: string) => Promise<Record<string, string>>;
  beforeAll(async () => {
    ctx = await createTestApp(kind);
    as = async (username) => {
      const session = await signIn(ctx.app, username);
      return { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
    };
  });
  afterAll(() => ctx?.close());

  it('creates a key shown once that acts as you, lists it without the key, and a revoke stops it at once', async () => {
    const headers = await as('trainer');
    const made = await ctx.app.inject({
      method: 'POST',
      url: '/api/me/api-keys',
      headers,
      payload: { name: '  Reporting script ' },
    });
    expect(made.statusCode).toBe(201);
    const key = created.parse(made.json()).data;
    expect(key).toMatchObject({ name: 'Reporting script', revokedAt: null, lastUsedAt: null });
    expect(key.key).toMatch(/^tpl_/);

    const me = await ctx.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${key.key}` },
    });
    expect(me.json().data.user.username).toBe('trainer');

    const list = await ctx.app.inject({ method: 'GET', url: '/api/me/api-keys', headers });
    const keys = listed.parse(list.json()).data;
    expect(keys.map((k) => k.name)).toEqual(['Reporting script']);
    expect(keys[0]!.lastUsedAt).not.toBeNull();
    expect(list.body).not.toContain(key.key);

    const revoked = await ctx.app.inject({ method: 'DELETE', url: `/api/me/api-keys/${key.id}`, headers });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().data.revokedAt).not.toBeNull();
    const after = await ctx.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${key.key}` },
    });
    expect(after.statusCode).toBe(401);
  });

  it("does not show or revoke someone else's key: 404, like an unknown one, and the key keeps working", async () => {
    const owner = await as('supervisor');
    const made = await ctx.app.inject({
      method: 'POST',
      url: '/api/me/api-keys',
      headers: owner,
      payload: { name: 'mine' },
    });
    const key = created.parse(made.json()).data;

    const admin = await as('admin');
    const list = await ctx.app.inject({ method: 'GET', url: '/api/me/api-keys', headers: admin });
    expect(listed.parse(list.json()).data.map((k) => k.id)).not.toContain(key.id);
    const revoke = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/me/api-keys/${key.id}`,
      headers: admin,
    });
    expect(revoke.statusCode).toBe(404);
    const unknown = await ctx.app.inject({
      method: 'DELETE',
      url: '/api/me/api-keys/999999',
      headers: admin,
    });
    expect(errorEnvelopeSchema.parse(unknown.json()).description).toBe(
      errorEnvelopeSchema.parse(revoke.json()).description.replace(key.id, '999999'),
    );
    const me = await ctx.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${key.key}` },
    });
    expect(me.statusCode).toBe(200);
  });

  it('answers 400 naming the field for a missing or blank name, and creates nothing', async () => {
    const headers = await as('agent2');
    for (const payload of [{}, { name: '   ' }, { name: 'x'.repeat(101) }]) {
      const response = await ctx.app.inject({ method: 'POST', url: '/api/me/api-keys', headers, payload });
      expect(response.statusCode).toBe(400);
      expect(errorEnvelopeSchema.parse(response.json()).description).toMatch(/name/);
    }
    const list = await ctx.app.inject({ method: 'GET', url: '/api/me/api-keys', headers });
    expect(listed.parse(list.json()).data).toEqual([]);
  });

  it('changes your password: the current one is checked, the new one follows the rule, other sessions end', async () => {
    const here = await as('qa');
    const elsewhere = await as('qa');
    const change = (payload: object) =>
      ctx.app.inject({ method: 'PUT', url: '/api/me/password', headers: here, payload });

    const wrong = await change({ currentPassword: 'guess', newPassword: 'a brand new password' });
    expect(wrong.statusCode).toBe(400);
    expect(errorEnvelopeSchema.parse(wrong.json()).description).toMatch(/^currentPassword: /);
    const short = await change({ currentPassword: 'tapeline', newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(errorEnvelopeSchema.parse(short.json()).description).toMatch(/^newPassword: .*10 characters/);
    const stillOld = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'qa', password: 'tapeline' },
    });
    expect(stillOld.statusCode).toBe(200);

    expect(
      (await change({ currentPassword: 'tapeline', newPassword: 'a brand new password' })).statusCode,
    ).toBe(200);
    const me = (headers: Record<string, string>) =>
      ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: headers.cookie! } });
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    const oldPassword = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'qa', password: 'tapeline' },
    });
    expect(oldPassword.statusCode).toBe(401);
    await signIn(ctx.app, 'qa', 'a brand new password');
  });
});
