// Opens what the app needs from a Config: the signing secret, the database (migrated) and media storage.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, type Config } from './config';
import { isRunning } from './lib/process';
import { openPglite, openPostgres, type Database } from './db/database';
import { migrate } from './db/migrate';
import { createLocalStorage } from './modules/media/local-storage';
import { createS3Storage } from './modules/media/s3-storage';
import type { MediaStorage } from './modules/media/storage';

export interface Runtime {
  db: Database;
  storage: MediaStorage;
  signingSecret: string;
}

/** MEDIA_SIGNING_KEY, or one generated on first start and kept in DATA_DIR (single-instance setups). */
async function loadSigningSecret(config: Config): Promise<string> {
  if (config.signingSecret) return config.signingSecret;
  const path = join(config.dataDir, 'signing.key');
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const secret = randomBytes(32).toString('base64url');
    await writeFile(path, secret + '\n', { mode: 0o600, flag: 'wx' });
    return secret;
  }
}

/**
 * PGlite is one process's database: a second process opening the same files would corrupt them.
 * A lock file with the owner's pid keeps the CLI from opening it under a running server.
 */
async function openLockedPglite(dataDir: string): Promise<Database> {
  const lockPath = join(dataDir, 'pgdata.lock');
  try {
    await writeFile(lockPath, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number(await readFile(lockPath, 'utf8'));
    if (owner && owner !== process.pid && isRunning(owner)) {
      throw new ConfigError(
        `The embedded database in ${dataDir} is in use by process ${owner} (a running Tapeline server?). ` +
          'Stop it first, or set DATABASE_URL to share a PostgreSQL server.',
      );
    }
    await writeFile(lockPath, String(process.pid));
  }
  const pgdata = join(dataDir, 'pgdata');
  const db = await openPglite(pgdata);
  // PGlite lays out a new database with world-readable files, whatever the umask: make them private.
  await restrictToOwner(pgdata);
  return {
    ...db,
    async close() {
      await db.close();
      await rm(lockPath, { force: true });
    },
  };
}

/** chmod 0700 for `dir` and the directories under it, 0600 for its files. */
async function restrictToOwner(dir: string) {
  await chmod(dir, 0o700);
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) await chmod(path, 0o700);
    else if (entry.isFile()) await chmod(path, 0o600);
  }
}

export async function openRuntime(config: Config): Promise<Runtime> {
  // Recordings, the database and the signing key are readable by this user only, whatever the umask.
  process.umask(0o077);
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  await chmod(config.dataDir, 0o700);
  const signingSecret = await loadSigningSecret(config);
  const db = config.databaseUrl
    ? await openPostgres(config.databaseUrl)
    : await openLockedPglite(config.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  let storage: MediaStorage;
  try {
    storage = await openMediaStorage(config, signingSecret);
  } catch (error) {
    await db.close();
    throw error;
  }
  return { db, storage, signingSecret };
}

/** Why an S3 request failed, in words an operator can act on. */
function describeS3Failure(error: unknown): string {
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  if (status === 404) return 'the bucket does not exist';
  if (status === 301 || status === 400) return `HTTP ${status}: is S3_REGION right for this bucket?`;
  if (status === 401 || status === 403) {
    return `HTTP ${status}: access denied; check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or the instance role)`;
  }
  if (status) return `HTTP ${status}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The media storage `config` names: local disk under DATA_DIR, or the S3 bucket, checked to be reachable
 * so a wrong bucket, endpoint or key fails the start instead of the first recording.
 * `s3Credentials` are for tests; otherwise the AWS SDK's default chain supplies them.
 */
export async function openMediaStorage(
  config: Config,
  signingSecret: string,
  s3Credentials?: { accessKeyId: string; secretAccessKey: string },
): Promise<MediaStorage> {
  if (config.storage === 'local' || !config.s3) {
    return createLocalStorage({
      mediaDir: join(config.dataDir, 'media'),
      publicUrl: config.publicUrl,
      signingSecret,
      urlTtlSeconds: config.mediaUrlTtlSeconds,
    });
  }
  const s3 = config.s3;
  const storage = createS3Storage({
    ...s3,
    urlTtlSeconds: config.mediaUrlTtlSeconds,
    credentials: s3Credentials,
  });
  try {
    await storage.checkBucket();
  } catch (error) {
    storage.close();
    throw new ConfigError(
      `Cannot reach the S3 bucket "${s3.bucket}" (S3_BUCKET) at ${s3.endpoint ?? `AWS region ${s3.region}`} ` +
        `(S3_ENDPOINT): ${describeS3Failure(error)}.`,
    );
  }
  return storage;
}
