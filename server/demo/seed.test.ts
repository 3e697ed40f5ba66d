import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authRepo } from '../modules/auth/repo';
import { createTestApp, type TestContext } from '../test/harness';
import { activeDemoApiKey, createDemoApiKey, demoApiKey } from './seed';
import { until } from '../test/until';
import { usersRepo } from '../modules/users/repo';

describe('the demo API key', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp('pglite');
    await createDemoApiKey(ctx.db, ctx.signingSecret);
  });
  afterAll(() => ctx?.close());

  it('is derived from the signing secret, so each installation has its own', () => {
    expect(demoApiKey('a'.repeat(32))).not.toBe(demoApiKey('b'.repeat(32)));
    expect(demoApiKey('a'.repeat(32))).toMatch(/^tpl_demo_[\w-]{43}$/);
  });

  it('lets curl read the Activities API as admin right after the first start', async () => {
    const key = await activeDemoApiKey(ctx.db, ctx.signingSecret);
    expect(key).toBe(demoApiKey(ctx.signingSecret));
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/objects',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.statusCode).toBe(200);
    expect((response.json() as { data: unknown[] }).data).toHaveLength(24);
  });

  it('stays revoked once revoked: it is no longer printed and no longer works', async () => {
    const key = demoApiKey(ctx.signingSecret);
    const repo = authRepo(ctx.db);
    const { id } = (await repo.listApiKeys((await usersRepo(ctx.db).findByUsername('admin'))!.id)).find(
      (apiKey) => apiKey.name === 'demo',
    )!;
    expect(await repo.revokeApiKey(id)).toBe(true);
    expect(await activeDemoApiKey(ctx.db, ctx.signingSecret)).toBeNull();
    // Revoked from outside the server (the CLI): refused once the server's short credential cache lapses.
    const refused = async () =>
      (
        await ctx.app.inject({
          method: 'GET',
          url: '/api/objects',
          headers: { authorization: `Bearer ${key}` },
        })
      ).statusCode === 401;
    await until(refused, (ctx.config.credentialCacheSeconds + 5) * 1000);
  });
});
