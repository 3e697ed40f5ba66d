// The one database interface the repositories use: PGlite (embedded, default) or a PostgreSQL server.
import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { pgliteStatements } from './pglite-statements';

export interface QueryOptions {
  /**
   * False for a statement whose best plan depends on its values (search: a rare word wants the text index,
   * a common one the newest-first walk): it is planned for the values of each run instead of being
   * prepared, where PostgreSQL may settle on one generic plan for every value (decision 018).
   */
  prepare?: boolean;
}

export interface Queryable {
  query<Row>(sql: string, params?: unknown[], options?: QueryOptions): Promise<{ rows: Row[] }>;
}

export interface Database extends Queryable {
  /** Runs `work` in one transaction; it commits when `work` resolves and rolls back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

/**
 * Statements with parameters are prepared once per connection under a name and keep their plan, on both
 * databases: the server's reads are a few dozen statement shapes run thousands of times.
 */
const statementName = (sql: string) => 'tapeline_' + createHash('sha1').update(sql).digest('base64url');

export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  const statements = pgliteStatements(db);
  return {
    kind: 'pglite',
    query: <Row>(sql: string, params: unknown[] = [], options: QueryOptions = {}) =>
      params.length > 0 && options.prepare !== false
        ? statements.query<Row>(sql, params)
        : db.query<Row>(sql, params).then((result) => ({ rows: result.rows })),
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          query: <Row>(sql: string, params: unknown[] = [], options: QueryOptions = {}) =>
            params.length > 0 && options.prepare !== false
              ? statements.queryInTransaction<Row>(sql, params)
              : tx.query<Row>(sql, params).then((result) => ({ rows: result.rows })),
        }),
      ),
    close: () => db.close(),
  };
}

export async function openPostgres(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle connection the server drops (restart, failover) must not crash the process; the pool
  // replaces it on the next query.
  pool.on('error', (error) => console.warn(`PostgreSQL connection lost: ${error.message}`));
  // Fail at start, with the server's own message, rather than on the first request.
  await pool.query('select 1');
  const query = <Row>(
    client: pg.Pool | pg.PoolClient,
    sql: string,
    params: unknown[] = [],
    options: QueryOptions = {},
  ) =>
    client
      .query(
        params.length === 0
          ? sql
          : options.prepare === false
            ? { text: sql, values: params }
            : { name: statementName(sql), text: sql, values: params },
      )
      .then((result) => ({ rows: result.rows as Row[] }));
  return {
    kind: 'postgres',
    query: (sql, params, options) => query(pool, sql, params, options),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work({ query: (sql, params, options) => query(client, sql, params, options) });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
