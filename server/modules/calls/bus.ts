// How signalling messages reach the instance that holds the other party's socket. One process: an
// in-process queue. With DATABASE_URL: PostgreSQL LISTEN/NOTIFY, every instance hearing every call's
// messages and delivering those for sockets it holds. Messages are published through one connection, so
// they arrive in the order they were sent; a body too big for NOTIFY (8000 bytes) goes by reference.
import pg from 'pg';
import type { Log } from '../../lib/log';

export interface CallBus {
  publish(message: object): Promise<void>;
  subscribe(listener: (message: unknown) => void): void;
  close(): Promise<void>;
}

export function inProcessBus(): CallBus {
  const listeners: ((message: unknown) => void)[] = [];
  return {
    async publish(message) {
      // Delivered after the sender's turn, as a remote bus would, and in order.
      const copy = JSON.parse(JSON.stringify(message)) as unknown;
      queueMicrotask(() => listeners.forEach((listener) => listener(copy)));
    },
    subscribe: (listener) => void listeners.push(listener),
    close: async () => undefined,
  };
}

const CHANNEL = 'tapeline_calls';
const NOTIFY_LIMIT = 7000;

export function postgresBus(connectionString: string, log: Log): CallBus {
  const listeners: ((message: unknown) => void)[] = [];
  let closed = false;
  let listener: pg.Client | null = null;
  let publisher: pg.Client | null = null;
  let publishing: Promise<unknown> = Promise.resolve();

  const deliver = (message: unknown) => listeners.forEach((fn) => fn(message));

  async function connectListener() {
    const client = new pg.Client({ connectionString });
    client.on('error', (error) => {
      log.warn({ err: error }, 'call signalling: the LISTEN connection was lost; reconnecting');
      listener = null;
      void client.end().catch(() => undefined);
      if (!closed) setTimeout(() => void connectListener().catch(() => undefined), 1000);
    });
    // Deliveries wait for each other, so a message fetched by reference keeps its place in the order.
    let delivering: Promise<unknown> = Promise.resolve();
    client.on('notification', (note) => {
      if (note.channel !== CHANNEL || !note.payload) return;
      const parsed = JSON.parse(note.payload) as { ref?: string } & Record<string, unknown>;
      const body =
        typeof parsed.ref === 'string' && Object.keys(parsed).length === 1
          ? client
              .query<{ body: string }>('select body from call_signals where id = $1', [parsed.ref])
              .then(({ rows }) => (rows[0] ? (JSON.parse(rows[0].body) as unknown) : null))
          : Promise.resolve(parsed);
      delivering = delivering
        .then(() => body)
        .then((message) => message !== null && deliver(message))
        .catch((error: unknown) => log.warn({ err: error }, 'call signalling: a message was lost'));
    });
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
    listener = client;
  }
  const ready = connectListener();

  async function publisherClient() {
    if (publisher) return publisher;
    const client = new pg.Client({ connectionString });
    client.on('error', () => {
      if (publisher === client) publisher = null;
    });
    await client.connect();
    publisher = client;
    return client;
  }

  async function send(message: object) {
    await ready;
    const client = await publisherClient();
    const body = JSON.stringify(message);
    if (Buffer.byteLength(body) <= NOTIFY_LIMIT) {
      await client.query('select pg_notify($1, $2)', [CHANNEL, body]);
      return;
    }
    const { rows } = await client.query<{ id: string }>(
      `with cleanup as (delete from call_signals where created_at < now() - interval '1 minute')
       insert into call_signals (body) values ($1) returning id::text as id`,
      [body],
    );
    await client.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify({ ref: rows[0]!.id })]);
  }

  return {
    publish(message) {
      const next = publishing.then(() => send(message));
      publishing = next.catch((error: unknown) =>
        log.warn({ err: error }, 'call signalling: a message could not be published'),
      );
      return next;
    },
    subscribe: (fn) => void listeners.push(fn),
    async close() {
      closed = true;
      await publishing;
      await Promise.all([listener?.end(), publisher?.end()].map((p) => p?.catch(() => undefined)));
    },
  };
}
