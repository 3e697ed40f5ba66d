// Named prepared statements for PGlite. `PGlite.query` sends every statement as an unnamed one, so
// PostgreSQL parses and plans it again on every call; in WebAssembly the planning of a five-join read
// costs more than running it. Here a statement with parameters is parsed once under a name and its plan
// reused, as node-postgres does with a statement `name` and PostgreSQL drivers do by default.
// Built on PGlite's public protocol API (`execProtocol`, `protocol.serialize`, `parse.parseResults`).
import { parse, protocol, type PGlite } from '@electric-sql/pglite';

const { serialize } = protocol;

interface Prepared {
  name: string;
  parameterTypes: number[];
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** `capacity`: how many statements stay prepared; past it the least recently used one is closed. */
export function pgliteStatements(db: PGlite, capacity = 500) {
  // Insertion order is recency: a hit moves its statement to the end.
  const prepared = new Map<string, Prepared>();
  let counter = 0;

  async function prepare(sql: string): Promise<Prepared> {
    const name = `tapeline_${++counter}`;
    const { messages } = await db.execProtocol(
      concat([
        serialize.parse({ name, text: sql }),
        serialize.describe({ type: 'S', name }),
        serialize.sync(),
      ]),
      { syncToFs: false },
    );
    const statement = { name, parameterTypes: parse.parseDescribeStatementResults(messages) };
    prepared.set(sql, statement);
    if (prepared.size > capacity) {
      const [oldestSql, oldest] = prepared.entries().next().value!;
      prepared.delete(oldestSql);
      await db.execProtocol(concat([serialize.close({ type: 'S', name: oldest.name }), serialize.sync()]), {
        syncToFs: false,
      });
    }
    return statement;
  }

  async function execute<Row>(statement: Prepared, params: unknown[], syncToFs: boolean) {
    const values = params.map((value, index) => {
      if (value === null || value === undefined) return null;
      const serializer = db.serializers[statement.parameterTypes[index]!];
      return serializer ? serializer(value) : String(value);
    });
    const { messages } = await db.execProtocol(
      concat([
        serialize.bind({ statement: statement.name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
      { syncToFs },
    );
    return { rows: (parse.parseResults(messages, db.parsers)[0]?.rows ?? []) as Row[] };
  }

  async function run<Row>(sql: string, params: unknown[], syncToFs: boolean): Promise<{ rows: Row[] }> {
    let statement = prepared.get(sql);
    if (statement) {
      prepared.delete(sql);
      prepared.set(sql, statement);
    } else {
      statement = await prepare(sql);
    }
    return execute<Row>(statement, params, syncToFs);
  }

  return {
    /** Runs `sql` with `params` outside a transaction: waits for any open transaction to end. */
    query: <Row>(sql: string, params: unknown[]) =>
      db._runExclusiveTransaction(() => db._runExclusiveQuery(() => run<Row>(sql, params, true))),
    /** Runs `sql` inside the transaction the caller holds; the commit makes it durable. */
    queryInTransaction: <Row>(sql: string, params: unknown[]) =>
      db._runExclusiveQuery(() => run<Row>(sql, params, false)),
  };
}
