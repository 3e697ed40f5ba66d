// Vitest global setup: a real PostgreSQL server for the integration tests, next to PGlite, and a local
// S3 (s3rver, with SigV4 checked) for the S3 storage tests. Both live as long as the test run.
import type { TestProject } from 'vitest/node';
import { findPostgresBinDir, startPostgresCluster, type PostgresCluster } from './postgres-cluster';
import { startS3Server, type S3TestServer } from './s3-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection URL of the throwaway cluster, or null where PostgreSQL is not installed (never in CI). */
    postgresUrl: string | null;
    /** Endpoint of the local S3 (path-style, credentials S3_TEST_CREDENTIALS); tests create their buckets. */
    s3Endpoint: string;
  }
}

let cluster: PostgresCluster | undefined;
let s3: S3TestServer | undefined;

export async function setup(project: TestProject) {
  s3 = await startS3Server();
  project.provide('s3Endpoint', s3.endpoint);

  const binDir = findPostgresBinDir();
  if (!binDir) {
    if (process.env.CI) throw new Error('CI must test against PostgreSQL: install the postgresql package.');
    console.warn('PostgreSQL is not installed: integration tests run against PGlite only.');
    project.provide('postgresUrl', null);
    return;
  }
  cluster = await startPostgresCluster(binDir);
  project.provide('postgresUrl', cluster.url);
}

export async function teardown() {
  await Promise.all([cluster?.stop(), s3?.stop()]);
}
