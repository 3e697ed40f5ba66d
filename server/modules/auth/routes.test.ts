import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionSchema } from '../../../contract/auth';
import { envelopeSchema, errorEnvelopeSchema } from '../../../contract/envelope';
import { authRepo } from './repo';
import { authService } from './service';
import { createTestApp, databaseKinds, signIn, type TestContext } from '../../test/harness';
import { until } from '../../test/until';

const sessionEnvelope = envelopeSchema(sessionSchema);

describe.each(databaseKinds())('authentication on %s', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp(kind, {
      env: {
        LOGIN_ATTEMPTS_PER_MINUTE: '4',
        LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: '12',
        CREDENTIAL_CACHE_SECONDS: '1',
      },
    });
  });
  afterAll(() => ctx?.close());

  const login = (username: string, password: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  it('signs in with the password, sets an httpOnly cookie, and /api/me knows the user and teams', async () => {
    const response = await login('qa', 'tapeline');
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'tapeline_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await ctx.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: `tapeline_session=${cookie.value}` },
    });
    const session = sessionEnvelope.parse(me.json()).data;
    expect(session.user).toMatchObject({ username: 'qa', first_name: 'Quinn', role: 'qa_manager' });
    expect(session.user.teams.map((t) => t.name)).toEqual(['Onboarding', 'Video Support']);
    expect(session.csrfToken).toBeTruthy();
  });

  it('answers 401 for a wrong password or an unknown user, with the same description', async () => {
    const wrong = await login('agent', 'nope');
    const unknown = await login('nobody', 'tapeline');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(errorEnvelopeSchema.parse(wrong.json()).description).toBe(
      errorEnvelopeSchema.parse(unknown.json()).description,
    );
    expect(wrong.cookies).toHaveLength(0);
  });

  it('answers 400 naming the field for a malformed body', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'qa' },
    });
    expect(response.statusCode).toBe(400);
    expect(errorEnvelopeSchema.parse(response.json()).description).toMatch(/password/);
    const notJson = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(notJson.statusCode).toBe(400);
  });

  it('rate-limits repeated sign-in attempts for one account with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++)
      statuses.push((await login('supervisor', 'guess')).statusCode);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual([429, 429]);
    const limited = await login('supervisor', 'tapeline');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(errorEnvelopeSchema.parse(limited.json()).description).toMatch(/Too many requests/);
    // Another account from the same address is not locked out.
    expect((await login('trainer', 'tapeline')).statusCode).toBe(200);
  });

  it('signs out only with the CSRF token, and the cookie stops working afterwards', async () => {
    const { cookie, csrfToken } = await signIn(ctx.app, 'agent');
    const forged = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(forged.statusCode).toBe(403);
    const stillIn = await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(stillIn.statusCode).toBe(200);
    const out = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(out.statusCode).toBe(200);
    const after = await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('accepts an API key as its user until it is revoked, elsewhere within the cache bound', async () => {
    const repo = authRepo(ctx.db);
    const created = (await authService(ctx.db, { sessionTtlSeconds: 60 }).createApiKey(
      'agent2',
      'integration',
    ))!;
    expect(created.key).toMatch(/^tpl_/);
    const headers = { authorization: `Bearer ${created.key}` };
    const me = await ctx.app.inject({ method: 'GET', url: '/api/me', headers });
    expect(sessionEnvelope.parse(me.json()).data).toMatchObject({
      user: { username: 'agent2' },
      csrfToken: null,
    });
    const stored = await ctx.db.query<{ key_hash: string }>('select key_hash from api_keys where id = $1', [
      created.id,
    ]);
    expect(stored.rows[0]!.key_hash).not.toContain(created.key);
    // Revoked by another process (the CLI): this instance trusts its cached lookup for at most
    // CREDENTIAL_CACHE_SECONDS, then refuses the key.
    expect(await repo.revokeApiKey(created.id)).toBe(true);
    await until(
      async () => (await ctx.app.inject({ method: 'GET', url: '/api/me', headers })).statusCode === 401,
      3000,
    );
  });

  it('stores passwords only as scrypt hashes', async () => {
    const { rows } = await ctx.db.query<{ password_hash: string }>('select password_hash from users');
    for (const row of rows) expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
  });

  it('answers unknown API routes with a 404 envelope and carries a request id', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/nope' });
    expect(response.statusCode).toBe(404);
    expect(errorEnvelopeSchema.parse(response.json()).status).toBe(404);
    expect(response.headers['x-request-id']).toBeTruthy();
  });
});
