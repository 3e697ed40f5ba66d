// WORKERS: with PostgreSQL, several processes serve one port and share everything that matters (rate
// limits, sessions, recordings); with embedded PGlite the server stays one process and says so.
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startTapeline, type RunningTapeline } from '../e2e/support/tapeline-server';
import { createPostgresDatabase, databaseKinds } from './test/harness';

/** The pids of `pid`'s child processes, from /proc. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^[0-9]+$/.test(entry))
    .filter((entry) => {
      try {
        return Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

const SLOW = { timeout: 180_000 };

describe.each(databaseKinds())('WORKERS on %s', (kind) => {
  let server: RunningTapeline | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await server?.stop();
    await dropDatabase?.();
  });

  it(
    kind === 'postgres'
      ? 'serves one port from two processes that share one rate limit'
      : 'stays one process on the embedded database, and says so',
    SLOW,
    async () => {
      const env: Record<string, string> = { WORKERS: '2', RATE_LIMIT_PER_MINUTE: '30' };
      if (kind === 'postgres') {
        const database = await createPostgresDatabase();
        dropDatabase = database.drop;
        env.DATABASE_URL = database.url;
      }
      server = await startTapeline(env);
      const key = /Demo API key \(admin\): (\S+)/.exec(server.output())![1]!;
      const workers = childrenOf(server.pid).length;
      if (kind === 'postgres') {
        expect(server.output()).toContain('2 worker processes on PostgreSQL');
        expect(workers).toBe(2);
      } else {
        expect(server.output()).toContain('One process on the embedded PGlite database');
        expect(workers).toBe(0);
      }
      // Fresh connections are spread across the workers; the quota is the key's, wherever it lands.
      const statuses: number[] = [];
      for (let i = 0; i < 32; i++) {
        const response = await fetch(`${server.url}/api/me`, {
          headers: { authorization: `Bearer ${key}`, connection: 'close' },
        });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([...Array(30).fill(200), 429, 429]);
    },
  );
});
