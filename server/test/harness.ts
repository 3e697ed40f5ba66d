// Builds the real app for a test: a fresh database (PGlite, or a new database in the test cluster),
// media storage (local in a temp dir, or a fresh bucket in the test S3), and the demo data.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { buildApp } from '../app';
import { loadConfig, type Config } from '../config';
import { openPglite, openPostgres, type Database } from '../db/database';
import { migrate } from '../db/migrate';
import { seedDemo } from '../demo/seed';
import type { MediaStorage } from '../modules/media/storage';
import { openMediaStorage } from '../runtime';
import { createDatabase } from './postgres-cluster';
import { createTestBucket, S3_TEST_CREDENTIALS, S3_TEST_REGION } from './s3-server';

export type DatabaseKind = 'pglite' | 'postgres';

/** Every database the integration tests run against here: PGlite always, PostgreSQL where installed. */
export function databaseKinds(): DatabaseKind[] {
  return inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

interface TestDatabase {
  db: Database;
  /** Another connection to the same database, as a second instance opens (PGlite: the same one). */
  connectAgain(): Promise<Database>;
  drop(): Promise<void>;
}

async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await openPglite(undefined);
    // PGlite lives in this process: a second instance can only share it, not connect to it.
    return {
      db,
      connectAgain: async () => ({ ...db, close: async () => undefined }),
      drop: async () => undefined,
    };
  }
  const { url, drop } = await createPostgresDatabase();
  const db = await openPostgres(url);
  return { db, connectAgain: () => openPostgres(url), drop };
}

/** A new, empty database in the test cluster, for a server process of its own (`DATABASE_URL`). */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('postgresUrl');
  if (!adminUrl) throw new Error('no PostgreSQL test cluster');
  return createDatabase(adminUrl, `test_${randomBytes(6).toString('hex')}`);
}

export interface TestContext {
  app: Awaited<ReturnType<typeof buildApp>>;
  config: Config;
  db: Database;
  storage: MediaStorage;
  dataDir: string;
  signingSecret: string;
  /**
   * Another instance of the same deployment, as behind a load balancer: its own DATA_DIR, database
   * connection and S3 client, the same database, media storage and MEDIA_SIGNING_KEY.
   * Closed with the context.
   */
  anotherInstance(): Promise<TestInstance>;
  close(): Promise<void>;
}

export interface TestInstance {
  app: Awaited<ReturnType<typeof buildApp>>;
  dataDir: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  seed?: boolean;
  /** `s3`: media in a fresh bucket of the test S3 (path style), as `STORAGE=s3` configures it. */
  storage?: 'local' | 's3';
  /** S3_URL_MODE for `storage: 's3'`; presigned by default. */
  s3UrlMode?: 'presigned' | 'direct';
  /** A built SPA to serve, as `npm start` serves dist/. */
  webRoot?: string;
  /** Receives the app's log lines (set LOG_LEVEL in `env` too). */
  logStream?: NodeJS.WritableStream;
}

/** The S3_* variables for a fresh bucket in the test S3 started by the global setup. */
async function testS3Env(urlMode: 'presigned' | 'direct'): Promise<Record<string, string>> {
  const endpoint = inject('s3Endpoint');
  return {
    STORAGE: 's3',
    S3_BUCKET: await createTestBucket(endpoint),
    S3_REGION: S3_TEST_REGION,
    S3_ENDPOINT: endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    S3_URL_MODE: urlMode,
  };
}

/** S3 storage keeps a client with keep-alive sockets; local storage has nothing to close. */
function closeStorage(storage: MediaStorage) {
  if ('close' in storage && typeof storage.close === 'function') storage.close();
}

export async function createTestApp(kind: DatabaseKind, options: TestAppOptions = {}): Promise<TestContext> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tapeline-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '8080',
    ...(options.storage === 's3' ? await testS3Env(options.s3UrlMode ?? 'presigned') : {}),
    ...options.env,
  });
  const { db, connectAgain, drop } = await openTestDatabase(kind);
  await migrate(db);
  const signingSecret = randomBytes(32).toString('base64url');
  // The same wiring as production (runtime.ts), with the test S3's credentials passed explicitly.
  const storage = await openMediaStorage(config, signingSecret, S3_TEST_CREDENTIALS);
  if (options.seed !== false) await seedDemo(db, storage);
  const app = await buildApp({
    config,
    db,
    storage,
    signingSecret,
    webRoot: options.webRoot,
    logStream: options.logStream,
  });
  const instances: TestInstance[] = [];
  return {
    app,
    config,
    db,
    storage,
    dataDir,
    signingSecret,
    async anotherInstance() {
      const instanceDir = await mkdtemp(join(tmpdir(), 'tapeline-instance-'));
      const instanceConfig = { ...config, dataDir: instanceDir };
      const instanceDb = await connectAgain();
      // Local media storage is the first instance's media directory (shared disk); S3 gets its own client.
      const instanceStorage =
        storage.kind === 's3'
          ? await openMediaStorage(instanceConfig, signingSecret, S3_TEST_CREDENTIALS)
          : storage;
      const instanceApp = await buildApp({
        config: instanceConfig,
        db: instanceDb,
        storage: instanceStorage,
        signingSecret,
      });
      const instance = {
        app: instanceApp,
        dataDir: instanceDir,
        async close() {
          await instanceApp.close();
          await instanceDb.close();
          if (instanceStorage !== storage) closeStorage(instanceStorage);
          await rm(instanceDir, { recursive: true, force: true });
        },
      };
      instances.push(instance);
      return instance;
    },
    async close() {
      for (const instance of instances) await instance.close();
      await app.close();
      await db.close();
      await drop();
      closeStorage(storage);
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
