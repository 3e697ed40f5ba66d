// Builds the real app for a test: a fresh database (PGlite, or a new database in the test cluster),
// local media storage in a temp dir, and the demo data.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../app';
import { loadConfig, type Config } from '../config';
import { openPglite, openPostgres, type Database } from '../db/database';
import { migrate } from '../db/migrate';
import { seedDemo } from '../db/seed';
import { createLocalStorage } from '../modules/media/local-storage';

export type DatabaseKind = 'pglite' | 'postgres';

/** Every database the integration tests run against here: PGlite always, PostgreSQL where installed. */
export function databaseKinds(): DatabaseKind[] {
  return inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

async function openTestDatabase(kind: DatabaseKind): Promise<{ db: Database; drop(): Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openPglite(undefined);
    return { db, drop: async () => undefined };
  }
  const adminUrl = inject('postgresUrl');
  if (!adminUrl) throw new Error('no PostgreSQL test cluster');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const db = await openPostgres(adminUrl.replace(/\/postgres$/, `/${name}`));
  return {
    db,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface TestContext {
  app: Awaited<ReturnType<typeof buildApp>>;
  config: Config;
  db: Database;
  dataDir: string;
  close(): Promise<void>;
}

export async function createTestApp(
  kind: DatabaseKind,
  options: { env?: Record<string, string>; seed?: boolean } = {},
): Promise<TestContext> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tapeline-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '8080',
    ...options.env,
  });
  const { db, drop } = await openTestDatabase(kind);
  await migrate(db);
  const signingSecret = randomBytes(32).toString('base64url');
  const storage = createLocalStorage({
    mediaDir: join(dataDir, 'media'),
    publicUrl: config.publicUrl,
    signingSecret,
    urlTtlSeconds: config.mediaUrlTtlSeconds,
  });
  if (options.seed !== false) await seedDemo(db, storage);
  const app = await buildApp({ config, db, storage, signingSecret });
  return {
    app,
    config,
    db,
    dataDir,
    async close() {
      await app.close();
      await db.close();
      await drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the API as a person would; returns the cookie and CSRF token to send back. */
export async function signIn(app: TestContext['app'], username: string, password = 'tapeline') {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'tapeline_session');
  if (!cookie) throw new Error('no session cookie');
  return {
    cookie: `tapeline_session=${cookie.value}`,
    csrfToken: (response.json() as { data: { csrfToken: string } }).data.csrfToken,
  };
}
