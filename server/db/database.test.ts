// The database interface as the repositories use it, on both databases: statements with parameters are
// prepared once and reused, and that must not change what a statement answers, how it fails, or what a
// transaction sees.
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, databaseKinds } from '../test/harness';
import { openPglite, openPostgres, type Database } from './database';
import { pgliteStatements } from './pglite-statements';

describe.each(databaseKinds())('the database interface on %s', (kind) => {
  let db: Database;
  let drop = async () => {};

  beforeAll(async () => {
    if (kind === 'pglite') db = await openPglite(undefined);
    else {
      const created = await createPostgresDatabase();
      db = await openPostgres(created.url);
      drop = created.drop;
    }
    await db.query('create table notes (id bigint primary key, body text, at timestamptz, tags text[])');
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  it('answers a reused statement with each call’s own parameters, types parsed', async () => {
    const insert = 'insert into notes (id, body, at, tags) values ($1, $2, $3, $4) returning id::text as id';
    const at = new Date('2026-12-01T10:00:00.000Z');
    for (const id of [1, 2, 3]) {
      expect((await db.query<{ id: string }>(insert, [id, `note ${id}`, at, ['a', `t${id}`]])).rows).toEqual([
        { id: String(id) },
      ]);
    }
    const select = 'select body, at, tags from notes where id = $1';
    expect((await db.query(select, [2])).rows).toEqual([{ body: 'note 2', at, tags: ['a', 't2'] }]);
    expect((await db.query(select, [3])).rows).toEqual([{ body: 'note 3', at, tags: ['a', 't3'] }]);
    expect((await db.query(select, [404])).rows).toEqual([]);
    expect(
      (await db.query('select count(*)::int as n from notes where body is null or $1', [true])).rows,
    ).toEqual([{ n: 3 }]);
  });

  it('passes null parameters as SQL null', async () => {
    const { rows } = await db.query('select $1::text is null as missing, coalesce($2::int, 7) as n', [
      null,
      null,
    ]);
    expect(rows).toEqual([{ missing: true, n: 7 }]);
  });

  it('fails a statement with PostgreSQL’s error and keeps answering the next ones', async () => {
    const insert = 'insert into notes (id, body) values ($1, $2)';
    await expect(db.query(insert, [1, 'again'])).rejects.toMatchObject({ code: '23505' });
    await expect(db.query('select no_such_column from notes where id = $1', [1])).rejects.toMatchObject({
      code: '42703',
    });
    expect((await db.query('select body from notes where id = $1', [1])).rows).toEqual([{ body: 'note 1' }]);
  });

  it('runs prepared statements inside a transaction, and a rollback leaves nothing behind', async () => {
    const insert = 'insert into notes (id, body) values ($1, $2)';
    await expect(
      db.transaction(async (tx) => {
        await tx.query(insert, [10, 'inside']);
        expect((await tx.query('select body from notes where id = $1', [10])).rows).toEqual([
          { body: 'inside' },
        ]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await db.query('select body from notes where id = $1', [10])).rows).toEqual([]);

    await db.transaction((tx) => tx.query(insert, [11, 'kept']));
    expect((await db.query('select body from notes where id = $1', [11])).rows).toEqual([{ body: 'kept' }]);
  });

  it('leaves a statement marked prepare: false unprepared, answered with each run’s values', async () => {
    const select = 'select body from notes where id = $1 and $2::text is not null';
    const preparedCount = 'select count(*)::int as n from pg_prepared_statements where statement = $1';
    expect((await db.query(select, [2, 'outside'], { prepare: false })).rows).toEqual([{ body: 'note 2' }]);
    // One connection, so its prepared statements are the ones pg_prepared_statements lists.
    await db.transaction(async (tx) => {
      for (const id of [1, 2, 3, 1, 2, 3, 1]) {
        expect((await tx.query(select, [id, 'x'], { prepare: false })).rows).toEqual([
          { body: `note ${id}` },
        ]);
      }
      expect((await tx.query(preparedCount, [select])).rows).toEqual([{ n: 0 }]);
      await tx.query(select, [1, 'x']);
      expect((await tx.query(preparedCount, [select])).rows).toEqual([{ n: 1 }]);
    });
  });
});

describe('PGlite prepared statements', () => {
  it('keeps at most `capacity` statements prepared and still answers the ones it closed', async () => {
    const pglite = new PGlite();
    await pglite.waitReady;
    const statements = pgliteStatements(pglite, 2);
    const texts = [1, 2, 3].map((n) => `select $1::int + ${n} as n`);
    for (const text of texts) await statements.query(text, [10]);
    const named = async () =>
      (await pglite.query<{ name: string }>('select name from pg_prepared_statements order by name')).rows
        .length;
    expect(await named()).toBe(2);
    // The first one was closed; it is prepared again, and answers as before.
    expect((await statements.query(texts[0]!, [10])).rows).toEqual([{ n: 11 }]);
    expect(await named()).toBe(2);
    await pglite.close();
  });
});
