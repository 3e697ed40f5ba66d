// Rate limits count what a hostile client sends: every request, keyed on the credential it resolves
// to (however the header is spelt) or on the address when it has none or a wrong one; sign-in attempts
// per address, per username and per both; and a sign-in flood cannot starve media reads.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseKinds, type TestContext } from '../../test/harness';
import { authService } from './service';

describe.each(databaseKinds())('rate limits on %s', (kind) => {
  let ctx: TestContext;
  let key: string;
  beforeAll(async () => {
    ctx = await createTestApp(kind, {
      env: {
        RATE_LIMIT_PER_MINUTE: '20',
        LOGIN_ATTEMPTS_PER_MINUTE: '5',
        LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: '8',
        LOGIN_ATTEMPTS_PER_USERNAME_PER_MINUTE: '6',
      },
    });
    key = (await authService(ctx.db, { sessionTtlSeconds: 60 }).createApiKey('admin', 'limits'))!.key;
  });
  afterAll(() => ctx?.close());

  const me = (authorization?: string, app = ctx.app, ip = '127.0.0.1') =>
    app.inject({
      method: 'GET',
      url: '/api/me',
      remoteAddress: ip,
      headers: authorization === undefined ? {} : { authorization },
    });
  const login = (username: string, ip: string, password = 'not-it') =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      payload: { username, password },
    });

  it('counts one quota per API key however the Authorization header is spelt', async () => {
    const spellings = [
      `Bearer ${key}`,
      `bearer ${key}`,
      `Bearer  ${key}`,
      `Bearer\t${key}`,
      `BEARER ${key} `,
    ];
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++)
      statuses.push((await me(spellings[i % spellings.length], ctx.app, '10.0.0.1')).statusCode);
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    // The quota is the key's, not the address's: the same address without it still gets answers.
    expect((await me(undefined, ctx.app, '10.0.0.1')).statusCode).toBe(401);
  });

  it('counts anonymous and wrongly authenticated requests against the address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      statuses.push((await me(i % 2 ? `Bearer tpl_wrong${i}` : undefined, ctx.app, '10.0.0.2')).statusCode);
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    const refused = await me(undefined, ctx.app, '10.0.0.2');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is unaffected.
    expect((await me(undefined, ctx.app, '10.0.0.3')).statusCode).toBe(401);
  });

  it('slows one password tried across many usernames from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await login(`user${i}`, '10.0.1.1', 'Summer2026!')).statusCode);
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(401));
    expect(statuses.slice(8)).toEqual([429, 429]);
  });

  it('slows one username tried from many addresses, and still lets its owner in from elsewhere later', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await login('trainer', `10.0.2.${i}`)).statusCode);
    expect(statuses.slice(0, 6)).toEqual(Array(6).fill(401));
    expect(statuses.slice(6)).toEqual([429, 429]);
    // Other accounts sign in meanwhile.
    expect((await login('supervisor', '10.0.2.99', 'tapeline')).statusCode).toBe(200);
  });

  it('answers a sign-in flood with 429s while a media range still completes', async () => {
    const reader = (await authService(ctx.db, { sessionTtlSeconds: 60 }).createApiKey('admin', 'reader'))!;
    const headers = { authorization: `Bearer ${reader.key}` };
    const objects = await ctx.app.inject({
      method: 'GET',
      url: '/api/objects',
      headers,
      remoteAddress: '10.0.3.1',
    });
    const objectId = (objects.json() as { data: { objectId: string }[] }).data[0]!.objectId;
    const activities = await ctx.app.inject({
      method: 'GET',
      url: `/api/objects/${objectId}/activities?activityType=27`,
      headers,
      remoteAddress: '10.0.3.1',
    });
    const recording = (activities.json() as { data: { recordingUrl: string }[] }).data[0]!;
    const recordingUrl = new URL(recording.recordingUrl);

    const flood = Array.from({ length: 60 }, () => login(`flood-${randomUUID()}`, '10.0.4.1'));
    const range = ctx.app.inject({
      method: 'GET',
      url: recordingUrl.pathname + recordingUrl.search,
      headers: { range: 'bytes=0-65535' },
    });
    const [statuses, media] = await Promise.all([
      Promise.all(flood).then((responses) => responses.map((r) => r.statusCode)),
      range,
    ]);
    expect(media.statusCode).toBe(206);
    expect(media.rawPayload.length).toBe(65536);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(50);
    expect(statuses.every((status) => [401, 429, 503].includes(status))).toBe(true);
  });
});

// PGlite serves one process; PostgreSQL serves several instances, which share one count.
describe.each(databaseKinds().filter((kind) => kind === 'postgres'))(
  'rate limits across instances on %s',
  (kind) => {
    let ctx: TestContext;
    afterAll(() => ctx?.close());

    it('counts a credential once across two instances', async () => {
      ctx = await createTestApp(kind, { env: { RATE_LIMIT_PER_MINUTE: '10' } });
      const other = await ctx.anotherInstance();
      const { key } = (await authService(ctx.db, { sessionTtlSeconds: 60 }).createApiKey('qa', 'two'))!;
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const app = i % 2 ? other.app : ctx.app;
        statuses.push(
          (await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${key}` } }))
            .statusCode,
        );
      }
      expect(statuses).toEqual([...Array(10).fill(200), 429, 429]);
    });
  },
);
