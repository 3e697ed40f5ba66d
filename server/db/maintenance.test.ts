// PGlite runs no autovacuum: the app's own maintenance job must give the planner its statistics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../test/harness';

describe('database maintenance on PGlite', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp('pglite', { seed: true });
    await ctx.app.ready();
  });
  afterAll(() => ctx.close());

  it('analyzes the tables once the app is ready, so plans see how many rows they hold', async () => {
    const analyzed = async () =>
      (
        await ctx.db.query<{ reltuples: number }>(
          `select reltuples from pg_class where relname = 'activities' and relkind = 'r'`,
        )
      ).rows[0]?.reltuples;
    // -1: never analyzed. The seeded demo holds dozens of activities.
    await expect.poll(analyzed, { timeout: 30_000 }).toBeGreaterThan(0);
  });
});
