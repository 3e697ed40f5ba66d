// What PostgreSQL's autovacuum does on a server, done for PGlite, which runs no background workers: without
// it the planner never learns how many rows a table has and plans every read as if tables were empty.
import { intervalJob, type BackgroundJob } from '../lib/jobs';
import type { Log } from '../lib/log';
import type { Database } from './database';

const EVERY_SECONDS = 60 * 60;

/** The database's housekeeping jobs: on PGlite, VACUUM ANALYZE at start and hourly; none on PostgreSQL. */
export function databaseJobs(db: Database, log: Log): BackgroundJob[] {
  if (db.kind !== 'pglite') return [];
  return [
    intervalJob('database maintenance', EVERY_SECONDS, () => db.query('vacuum analyze'), log, {
      atStart: true,
    }),
  ];
}
