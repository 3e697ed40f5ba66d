// Vitest global setup: a real PostgreSQL server for the integration tests, next to PGlite.
import type { TestProject } from 'vitest/node';
import { findPostgresBinDir, startPostgresCluster, type PostgresCluster } from './postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection URL of the throwaway cluster, or null where PostgreSQL is not installed (never in CI). */
    postgresUrl: string | null;
  }
}

let cluster: PostgresCluster | undefined;

export async function setup(project: TestProject) {
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
  await cluster?.stop();
}
